package t2i.training.run;

import java.nio.file.Path;

/**
 * A complete checkpoint: the variables of the training graph (weights, optimizer slots, moving
 * statistics) saved by TF's saver, and the step reached.
 *
 * @param step training steps done when it was saved
 * @param dir its folder
 * @param elapsedSeconds training wall time up to it, over all sessions of the run
 */
public record Checkpoint(long step, Path dir, double elapsedSeconds) {
  /** The prefix TF's saver writes ({@code <dir>/model.index}, {@code model.data-*}). */
  public String prefix() {
    return dir.resolve(Checkpoints.MODEL).toString();
  }
}
