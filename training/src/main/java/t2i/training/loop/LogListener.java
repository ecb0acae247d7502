package t2i.training.loop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import t2i.training.log.CsvLog;
import t2i.training.log.EventFileWriter;

/**
 * Every {@code every} steps, and at the first and the last step: a row in {@code losses.csv} and
 * scalars in the TensorBoard events.
 */
public final class LogListener implements TrainingListener {
  private final int every;
  private final CsvLog csv;
  private final EventFileWriter events;
  private StepResult pending;
  private double pendingSeconds;

  public LogListener(Path runDir, List<String> columns, long resumeStep, int every)
      throws IOException {
    this.every = every;
    this.csv = new CsvLog(runDir.resolve("losses.csv"), columns, resumeStep);
    this.events = new EventFileWriter(runDir.resolve("events"), resumeStep);
  }

  @Override
  public void stepDone(StepResult r, double elapsedSeconds) throws IOException {
    if (r.step() % every == 0 || r.step() == 1) {
      write(r, elapsedSeconds);
      pending = null;
    } else {
      pending = r;
      pendingSeconds = elapsedSeconds;
    }
  }

  @Override
  public void finished(long step, double elapsedSeconds) throws IOException {
    if (pending != null) {
      write(pending, pendingSeconds);
      pending = null;
    }
  }

  private void write(StepResult r, double seconds) throws IOException {
    csv.row(r.step(), seconds, r.scalars());
    events.scalars(r.step(), r.scalars());
  }

  /** The event file, for image summaries. */
  public EventFileWriter events() {
    return events;
  }

  @Override
  public void close() throws IOException {
    csv.close();
    events.close();
  }
}
