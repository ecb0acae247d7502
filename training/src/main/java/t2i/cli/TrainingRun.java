package t2i.cli;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import t2i.training.loop.LogListener;
import t2i.training.loop.ProgressListener;
import t2i.training.loop.Trainer;
import t2i.training.loop.TrainingListener;
import t2i.training.loop.TrainingLoop;
import t2i.training.run.Checkpoint;

/**
 * Runs a trainer from the command line: progress, CSV and TensorBoard logs, periodic checkpoints,
 * and Ctrl-C (or a kill) handled by finishing the step and checkpointing.
 */
final class TrainingRun {
  private TrainingRun() {}

  /**
   * @param resumedFrom the checkpoint the trainer was restored from (its training time carries on),
   *     or null
   */
  static long run(
      Trainer trainer,
      Path runDir,
      TrainingOptions options,
      Checkpoint resumedFrom,
      List<TrainingListener> extra,
      PrintWriter out)
      throws IOException {
    double previousSeconds = resumedFrom == null ? 0 : resumedFrom.elapsedSeconds();
    List<TrainingListener> listeners = new ArrayList<>();
    listeners.add(new ProgressListener(out, System.console() != null, 30));
    listeners.add(
        new LogListener(
            runDir, trainer.scalarNames(), trainer.step(), Math.max(1, options.logEvery)));
    listeners.addAll(extra);
    TrainingLoop loop =
        new TrainingLoop(trainer, listeners, options.checkpointMinutes * 60, Ticker.systemTicker());
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
      return loop.run(options.budget(), previousSeconds);
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
