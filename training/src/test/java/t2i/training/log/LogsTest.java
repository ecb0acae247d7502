package t2i.training.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;
import t2i.data.tfrecord.TfRecordReader;

class LogsTest {
  @TempDir Path dir;

  @Test
  void eventFileHoldsTheVersionThenScalarsAndImages() throws IOException {
    try (EventFileWriter w = new EventFileWriter(dir, 0)) {
      w.scalars(3, Map.of("loss", 1.5));
      w.image(4, "samples", new byte[] {1, 2, 3}, 64, 64);
    }
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    try (TfRecordReader r = new TfRecordReader(file)) {
      assertEquals("brain.Event:2", Event.parseFrom(r.next()).getFileVersion());
      Event scalar = Event.parseFrom(r.next());
      assertEquals(3, scalar.getStep());
      assertEquals("loss", scalar.getSummary().getValue(0).getTag());
      assertEquals(1.5f, scalar.getSummary().getValue(0).getSimpleValue());
      Event image = Event.parseFrom(r.next());
      assertEquals(64, image.getSummary().getValue(0).getImage().getWidth());
      assertNull(r.next());
    }
  }

  @Test
  void aResumedRunMarksItsRestartForTensorBoard() throws IOException {
    try (EventFileWriter w = new EventFileWriter(dir, 1470)) {
      w.scalars(1471, Map.of("loss", 1.0));
    }
    Path file;
    try (Stream<Path> files = Files.list(dir)) {
      file = files.findFirst().orElseThrow();
    }
    try (TfRecordReader r = new TfRecordReader(file)) {
      r.next();
      Event restart = Event.parseFrom(r.next());
      assertEquals(1470, restart.getStep());
      assertEquals(SessionLog.SessionStatus.START, restart.getSessionLog().getStatus());
    }
  }

  @Test
  void csvDropsRowsPastTheResumedStepAndRowsCutShort() throws IOException {
    Path file = dir.resolve("losses.csv");
    try (CsvLog log = new CsvLog(file, List.of("loss", "lr"), 0)) {
      for (long step = 1; step <= 5; step++) {
        log.row(step, step, Map.of("loss", 10.0 / step, "lr", 0.1));
      }
    }
    Files.writeString(
        file, Files.readString(file) + "6,6.0,1.6", StandardOpenOption.TRUNCATE_EXISTING);
    try (CsvLog log = new CsvLog(file, List.of("loss", "lr"), 3)) {
      log.row(4, 4.5, Map.of("loss", 9.0, "lr", 0.1));
    }
    List<String> lines = Files.readAllLines(file);
    assertEquals("step,seconds,loss,lr", lines.get(0));
    assertEquals(5, lines.size());
    assertEquals("4,4.5,9.00000,0.100000", lines.get(4));
  }
}
