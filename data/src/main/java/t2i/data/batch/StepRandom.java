package t2i.data.batch;

import java.util.SplittableRandom;

/**
 * The random stream of one training step: a function of the run's seed, the step and a stream
 * number only, so a resumed run draws exactly what it would have drawn. The batch sampler draws
 * from {@link #BATCHES}; each trainer takes a stream number of its own for what it draws in the
 * step (noise, GAN-INT's mixing partners).
 *
 * <p>The seed of stream {@code s} at step {@code t} is that of stream 0 at step {@code t + s}: the
 * streams are not independent across steps, only within one. Changing the formula would change
 * every run's draws from the next version on, so it stays; give new streams numbers far apart.
 */
public final class StepRandom {
  /** The batch sampler's stream: which records, captions and mismatching captions. */
  public static final int BATCHES = 0;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private StepRandom() {}

  public static SplittableRandom of(long seed, long step, int stream) {
    return new SplittableRandom(seed * GOLDEN + step + stream);
  }

  /** The stream of one epoch's shuffle (disjoint in form from the per-step streams). */
  static SplittableRandom ofEpoch(long seed, long epoch) {
    return new SplittableRandom(~(seed * GOLDEN + epoch));
  }
}
