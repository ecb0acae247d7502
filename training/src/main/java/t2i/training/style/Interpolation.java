package t2i.training.style;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Linear interpolation between two vectors, {@code (1 − t)·a + t·b} for {@code steps} values of t
 * from 0 to 1: the first row is exactly {@code a} and the last exactly {@code b}.
 */
public final class Interpolation {
  private Interpolation() {}

  /** Row-major {@code [steps, a.length]}. */
  public static float[] between(float[] a, float[] b, int steps) {
    checkArgument(a.length == b.length, "vectors of %s and %s values", a.length, b.length);
    checkArgument(steps >= 2, "steps must be >= 2, was %s", steps);
    int d = a.length;
    float[] out = new float[steps * d];
    for (int s = 0; s < steps; s++) {
      float t = s == steps - 1 ? 1f : (float) s / (steps - 1);
      for (int i = 0; i < d; i++) {
        out[s * d + i] = (1 - t) * a[i] + t * b[i];
      }
    }
    return out;
  }
}
