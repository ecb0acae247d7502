package t2i.training.loop;

import java.io.IOException;

/** A side effect of training: progress, logs, samples, checkpoints. */
public interface TrainingListener extends AutoCloseable {
  default void started(long step, Budget budget) throws IOException {}

  /**
   * @param elapsedSeconds training wall time of the whole run so far
   */
  void stepDone(StepResult result, double elapsedSeconds) throws IOException;

  default void finished(long step, double elapsedSeconds) throws IOException {}

  @Override
  default void close() throws IOException {}
}
