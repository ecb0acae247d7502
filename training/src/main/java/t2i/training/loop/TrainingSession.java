package t2i.training.loop;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunStart;

/**
 * Runs a trainer for one session, as every {@code t2i train} command and the demo do: progress, CSV
 * and TensorBoard logs, periodic checkpoints, and a stop request (Ctrl-C, a kill) handled by
 * finishing the step and checkpointing.
 */
public final class TrainingSession {
  /** When to stop, how often to checkpoint, how often to log. */
  public record Schedule(Budget budget, double checkpointSeconds, int logEvery) {
    public static final double DEFAULT_CHECKPOINT_MINUTES = 5;
    public static final int DEFAULT_LOG_EVERY = 10;

    public Schedule {
      checkArgument(
          checkpointSeconds > 0, "checkpointSeconds must be > 0, was %s", checkpointSeconds);
      checkArgument(logEvery >= 1, "logEvery must be >= 1, was %s", logEvery);
    }

    /** This many minutes of training, with the default checkpoint and log intervals. */
    public static Schedule minutes(double minutes) {
      return new Schedule(
          Budget.minutes(minutes), DEFAULT_CHECKPOINT_MINUTES * 60, DEFAULT_LOG_EVERY);
    }
  }

  /** Builds a run's trainer where the run starts: from scratch, or restored from a checkpoint. */
  @FunctionalInterface
  public interface Opener<C extends Record, T extends Trainer> {
    T open(C config, Checkpoint from) throws IOException;
  }

  /** The listeners a family adds to the standard ones, for its trainer (sample grids, say). */
  @FunctionalInterface
  public interface Extras<T extends Trainer> {
    List<TrainingListener> of(T trainer) throws IOException;

    static <T extends Trainer> Extras<T> none() {
      return trainer -> List.of();
    }
  }

  private TrainingSession() {}

  /**
   * Opens the trainer where {@code start} says the run starts, trains one session, closes it: what
   * every {@code t2i train} command and every training stage of the demo does.
   */
  public static <C extends Record, T extends Trainer> Ended run(
      RunStart<C> start,
      Opener<C, T> opener,
      Path runDir,
      Schedule schedule,
      Extras<T> extras,
      PrintWriter out)
      throws IOException {
    try (T trainer = opener.open(start.config(), start.checkpoint())) {
      return run(trainer, runDir, schedule, start.previousSeconds(), extras.of(trainer), out);
    }
  }

  /**
   * How a session ended.
   *
   * @param step the step reached (and checkpointed)
   * @param stopped whether it was stopped (Ctrl-C, a kill) before its budget was spent: the process
   *     is about to exit, and nothing that depends on the run should start
   */
  public record Ended(long step, boolean stopped) {}

  /**
   * @param previousSeconds training time of the run's earlier sessions (its checkpoints' clock
   *     carries on from there)
   */
  public static Ended run(
      Trainer trainer,
      Path runDir,
      Schedule schedule,
      double previousSeconds,
      List<TrainingListener> extra,
      PrintWriter out)
      throws IOException {
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new ProgressListener(out, System.console() != null, 30));
    listeners.add(
        new LogListener(runDir, trainer.scalarNames(), trainer.step(), schedule.logEvery()));
    listeners.addAll(extra);
    TrainingLoop loop =
        new TrainingLoop(trainer, listeners, schedule.checkpointSeconds(), Ticker.systemTicker());
    CountDownLatch done = new CountDownLatch(1);
    Thread onSignal =
        new Thread(
            () -> {
              loop.requestStop();
              try {
                done.await(120, TimeUnit.SECONDS); // let the loop write its checkpoint
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "t2i-stop");
    Runtime.getRuntime().addShutdownHook(onSignal);
    try {
      long step = loop.run(schedule.budget(), previousSeconds);
      return new Ended(step, loop.stopRequested());
    } finally {
      try {
        for (TrainingListener l : listeners) {
          l.close();
        }
      } finally {
        done.countDown();
      }
      try {
        Runtime.getRuntime().removeShutdownHook(onSignal);
      } catch (IllegalStateException shuttingDown) {
        // the hook is already waiting for us
      }
    }
  }
}
