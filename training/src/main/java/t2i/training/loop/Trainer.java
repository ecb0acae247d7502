package t2i.training.loop;

import java.io.IOException;
import java.util.List;

/** A model being trained, as the loop sees it. */
public interface Trainer extends AutoCloseable {
  /** Steps done so far (the checkpoint's step after a resume). */
  long step();

  /** Runs one training step. */
  StepResult trainStep() throws IOException;

  /** Names of the scalars {@link #trainStep} reports, for log headers. */
  List<String> scalarNames();

  /** What to do when a step's losses are not finite ({@link DivergenceCheck}). */
  default String divergenceAdvice() {
    return "resume from the last checkpoint";
  }

  /** Saves a complete checkpoint of the current state. */
  void checkpoint(double elapsedSeconds) throws IOException;

  @Override
  void close() throws IOException;
}
