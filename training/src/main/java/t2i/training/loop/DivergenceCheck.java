package t2i.training.loop;

import java.util.Locale;
import java.util.stream.Collectors;
import t2i.error.UserException;

/**
 * Stops training at the first step whose scalars are not all finite (DJL's divergence check). The
 * loop runs it before every other listener, so a diverged step is neither logged nor checkpointed:
 * the run's last checkpoint is the last good state.
 */
public final class DivergenceCheck implements TrainingListener {
  private final String advice;

  /**
   * @param advice what the user can do, e.g. "resume from the last checkpoint"
   */
  public DivergenceCheck(String advice) {
    this.advice = advice;
  }

  @Override
  public void stepDone(StepResult r, double elapsedSeconds) {
    if (r.scalars().values().stream().allMatch(Double::isFinite)) {
      return;
    }
    String values =
        r.scalars().entrySet().stream()
            .map(e -> String.format(Locale.ROOT, "%s %.4g", e.getKey(), e.getValue()))
            .collect(Collectors.joining(", "));
    throw new UserException(
        "training diverged at step " + r.step() + " (" + values + "): " + advice);
  }
}
