package t2i.training.run;

import java.util.SplittableRandom;

/**
 * The random stream of one training step: a function of the run's seed, the step and a stream
 * number only, so a resumed run draws exactly what it would have drawn. Each trainer takes its own
 * stream number.
 */
public final class StepRandom {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private StepRandom() {}

  public static SplittableRandom of(long seed, long step, int stream) {
    return new SplittableRandom(seed * GOLDEN + step + stream);
  }
}
