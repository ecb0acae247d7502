package t2i.training.loop;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a {@link Trainer} until its {@link Budget} is spent or {@link #requestStop()} is called
 * (Ctrl-C), checkpointing every {@code checkpointSeconds} and once at the end, whatever ended it. A
 * {@link DivergenceCheck} sees each step before the given listeners do.
 */
public final class TrainingLoop {
  private final Trainer trainer;
  private final List<TrainingListener> listeners;
  private final double checkpointSeconds;
  private final Ticker ticker;
  private final AtomicBoolean stop = new AtomicBoolean();

  /**
   * @param checkpointSeconds training time between checkpoints (one is always written at the end)
   * @param ticker the clock, injectable for tests
   */
  public TrainingLoop(
      Trainer trainer, List<TrainingListener> listeners, double checkpointSeconds, Ticker ticker) {
    this.trainer = trainer;
    List<TrainingListener> all = new ArrayList<>();
    all.add(new DivergenceCheck(trainer.divergenceAdvice()));
    all.addAll(listeners);
    this.listeners = List.copyOf(all);
    this.checkpointSeconds = checkpointSeconds;
    this.ticker = ticker;
  }

  /** Asks the loop to stop after the current step; it still writes its final checkpoint. */
  public void requestStop() {
    stop.set(true);
  }

  /** Whether {@link #requestStop()} was called: the session ended before its budget. */
  public boolean stopRequested() {
    return stop.get();
  }

  /**
   * @param previousSeconds training time of earlier sessions, so logged times continue
   * @return the step reached
   */
  public long run(Budget budget, double previousSeconds) throws IOException {
    long start = ticker.read();
    long lastCheckpoint = start;
    for (TrainingListener l : listeners) {
      l.started(trainer.step(), budget);
    }
    long saved = trainer.step();
    Throwable failure = null;
    try {
      while (!stop.get() && !budget.done(trainer.step(), seconds(start))) {
        StepResult result = trainer.trainStep();
        double elapsed = previousSeconds + seconds(start);
        for (TrainingListener l : listeners) {
          l.stepDone(result, elapsed);
        }
        if (checkpointSeconds > 0 && (ticker.read() - lastCheckpoint) / 1e9 >= checkpointSeconds) {
          trainer.checkpoint(elapsed);
          saved = trainer.step();
          lastCheckpoint = ticker.read();
        }
      }
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      double elapsed = previousSeconds + seconds(start);
      try {
        // A failed step may have applied part of its updates: keep the last good checkpoint.
        if (failure == null && trainer.step() != saved) {
          trainer.checkpoint(elapsed);
        }
        for (TrainingListener l : listeners) {
          l.finished(trainer.step(), elapsed);
        }
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
    return trainer.step();
  }

  private double seconds(long start) {
    return (ticker.read() - start) / 1e9;
  }
}
