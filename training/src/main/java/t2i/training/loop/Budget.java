package t2i.training.loop;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * When to stop: at {@code maxSteps} steps in all, or after {@code maxSeconds} of this session,
 * whichever comes first. Either may be unbounded (0), not both.
 */
public record Budget(long maxSteps, double maxSeconds) {
  public Budget {
    checkArgument(maxSteps >= 0 && maxSeconds >= 0, "limits must be >= 0");
    checkArgument(maxSteps > 0 || maxSeconds > 0, "give --steps or --minutes");
  }

  public static Budget steps(long steps) {
    return new Budget(steps, 0);
  }

  public static Budget minutes(double minutes) {
    return new Budget(0, minutes * 60);
  }

  boolean done(long step, double sessionSeconds) {
    return (maxSteps > 0 && step >= maxSteps) || (maxSeconds > 0 && sessionSeconds >= maxSeconds);
  }
}
