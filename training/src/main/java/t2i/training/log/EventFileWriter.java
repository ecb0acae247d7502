package t2i.training.log;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import org.tensorflow.proto.Summary;
import t2i.data.tfrecord.TfRecordWriter;

/**
 * A TensorBoard event file ({@code events.out.tfevents.<time>.<host>}): TFRecords of {@code Event}
 * protos, the first one the file version, then scalar and image summaries. Written from Java, so
 * the training graph carries no summary ops. A resumed run opens a new file in the same folder;
 * TensorBoard merges them.
 */
public final class EventFileWriter implements AutoCloseable {
  /** {@code Summary.Image.colorspace} of RGB (1 grayscale, 2 grayscale + alpha, 3 RGB, 4 RGBA). */
  private static final int COLORSPACE_RGB = 3;

  private final TfRecordWriter out;

  /** A new event file; a run resumed at step {@code resumeStep} > 0 marks the restart. */
  public EventFileWriter(Path dir, long resumeStep) throws IOException {
    Files.createDirectories(dir);
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    long now = System.currentTimeMillis();
    Path file = dir.resolve("events.out.tfevents." + now / 1000 + "." + host + "." + now % 1000);
    out = new TfRecordWriter(file);
    write(Event.newBuilder().setWallTime(now / 1000.0).setFileVersion("brain.Event:2").build());
    if (resumeStep > 0) {
      // TensorBoard drops events of earlier files past this step: those logged after the
      // checkpoint the run resumed from.
      write(
          event(resumeStep)
              .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START))
              .build());
    }
  }

  public void scalars(long step, Map<String, Double> values) throws IOException {
    Summary.Builder summary = Summary.newBuilder();
    values.forEach(
        (tag, value) ->
            summary.addValue(
                Summary.Value.newBuilder().setTag(tag).setSimpleValue(value.floatValue())));
    write(event(step).setSummary(summary).build());
  }

  /** An RGB picture, PNG-encoded. */
  public void image(long step, String tag, byte[] png, int width, int height) throws IOException {
    Summary.Image image =
        Summary.Image.newBuilder()
            .setEncodedImageString(ByteString.copyFrom(png))
            .setWidth(width)
            .setHeight(height)
            .setColorspace(COLORSPACE_RGB)
            .build();
    write(
        event(step)
            .setSummary(
                Summary.newBuilder()
                    .addValue(Summary.Value.newBuilder().setTag(tag).setImage(image)))
            .build());
  }

  private static Event.Builder event(long step) {
    return Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(step);
  }

  private void write(Event e) throws IOException {
    out.write(e.toByteArray());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
