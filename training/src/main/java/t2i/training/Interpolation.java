package t2i.training;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Linear interpolation with the project's one convention, {@code (1 − β)·a + β·b}: β = 0 is {@code
 * a}, β = 1 is {@code b}. GAN-INT's mixed text, the interpolation grids and the exported {@code
 * interpolate} signature all use it.
 */
public final class Interpolation {
  private Interpolation() {}

  /**
   * {@code out[outOffset + i] = (1 − β)·a[aOffset + i] + β·b[bOffset + i]} for {@code i < length}.
   */
  public static void lerp(
      float[] a,
      int aOffset,
      float[] b,
      int bOffset,
      float beta,
      float[] out,
      int outOffset,
      int length) {
    for (int i = 0; i < length; i++) {
      out[outOffset + i] = (1 - beta) * a[aOffset + i] + beta * b[bOffset + i];
    }
  }

  /**
   * {@code steps} points from {@code a} to {@code b} at evenly spaced β, row-major {@code [steps,
   * a.length]}: the first row is exactly {@code a} and the last exactly {@code b}.
   */
  public static float[] between(float[] a, float[] b, int steps) {
    checkArgument(a.length == b.length, "vectors of %s and %s values", a.length, b.length);
    checkArgument(steps >= 2, "steps must be >= 2, was %s", steps);
    int d = a.length;
    float[] out = new float[steps * d];
    for (int s = 0; s < steps; s++) {
      float beta = s == steps - 1 ? 1f : (float) s / (steps - 1);
      lerp(a, 0, b, 0, beta, out, s * d, d);
    }
    return out;
  }
}
