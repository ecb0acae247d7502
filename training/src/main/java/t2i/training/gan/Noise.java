package t2i.training.gan;

import java.util.SplittableRandom;
import t2i.graph.SeededNoise;

/** The generator's noise: standard normal vectors from a seeded stream. */
public final class Noise {
  private Noise() {}

  /** {@code n} standard normal values. */
  public static float[] normal(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i += 2) {
      // Box–Muller: SplittableRandom has no nextGaussian
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      double radius = Math.sqrt(-2 * Math.log(u1));
      out[i] = (float) (radius * Math.cos(2 * Math.PI * u2));
      if (i + 1 < n) {
        out[i + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
      }
    }
    return out;
  }

  /**
   * The noise vector of one seed: the same seed gives the same z in every command and in the
   * exported {@code text2image} model ({@link SeededNoise}).
   */
  public static float[] forSeed(long seed, int zDim) {
    return SeededNoise.of(seed, zDim);
  }
}
