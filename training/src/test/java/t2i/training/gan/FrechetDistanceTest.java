package t2i.training.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {
  @Test
  void aSetIsAtDistanceZeroFromItself() {
    float[] a = Noise.normal(new SplittableRandom(1), 50 * 8);
    assertEquals(0, FrechetDistance.between(a, 50, a, 50, 8), 1e-9);
  }

  @Test
  void shiftingASetAddsTheSquaredShift() {
    float[] a = Noise.normal(new SplittableRandom(2), 40 * 3);
    float[] b = a.clone();
    for (int i = 0; i < 40; i++) {
      b[i * 3] += 2f;
      b[i * 3 + 2] -= 1f;
    }
    // same covariance, means 2 and −1 apart: 4 + 1
    assertEquals(5, FrechetDistance.between(a, 40, b, 40, 3), 1e-5);
  }

  /**
   * In two dimensions tr (C₁C₂)^½ = √(tr C₁C₂ + 2 √(det C₁ det C₂)), since the eigenvalues of C₁C₂
   * are real and non-negative: an independent closed form for correlated samples.
   */
  @Test
  void twoDimensionalSetsMatchTheClosedForm() {
    SplittableRandom random = new SplittableRandom(3);
    int na = 300;
    int nb = 200;
    float[] a = correlated(Noise.normal(random, na * 2), na, 1.0, 0.8, 0.5);
    float[] b = correlated(Noise.normal(random, nb * 2), nb, 2.0, -0.3, 0.7);
    double[] ma = mean(a, na);
    double[] mb = mean(b, nb);
    double[] ca = cov(a, na, ma);
    double[] cb = cov(b, nb, mb);
    // C = [[c0, c1], [c1, c2]]
    double trProduct = ca[0] * cb[0] + 2 * ca[1] * cb[1] + ca[2] * cb[2];
    double dets = (ca[0] * ca[2] - ca[1] * ca[1]) * (cb[0] * cb[2] - cb[1] * cb[1]);
    double traceRoot = Math.sqrt(trProduct + 2 * Math.sqrt(dets));
    double expected =
        Math.pow(ma[0] - mb[0], 2)
            + Math.pow(ma[1] - mb[1], 2)
            + ca[0]
            + ca[2]
            + cb[0]
            + cb[2]
            - 2 * traceRoot;
    assertEquals(expected, FrechetDistance.between(a, na, b, nb, 2), 1e-5);
  }

  @Test
  void moreDimensionsThanSamplesStaysFiniteAndNonNegative() {
    float[] a = Noise.normal(new SplittableRandom(4), 10 * 64);
    float[] b = Noise.normal(new SplittableRandom(5), 12 * 64);
    double d = FrechetDistance.between(a, 10, b, 12, 64);
    assertEquals(true, Double.isFinite(d) && d > 0, "distance " + d);
  }

  private static float[] correlated(float[] z, int n, double shift, double rho, double scale) {
    float[] out = new float[n * 2];
    for (int i = 0; i < n; i++) {
      out[2 * i] = (float) (shift + z[2 * i]);
      out[2 * i + 1] = (float) (rho * z[2 * i] + scale * z[2 * i + 1]);
    }
    return out;
  }

  private static double[] mean(float[] x, int n) {
    double[] m = new double[2];
    for (int i = 0; i < n; i++) {
      m[0] += x[2 * i] / (double) n;
      m[1] += x[2 * i + 1] / (double) n;
    }
    return m;
  }

  private static double[] cov(float[] x, int n, double[] m) {
    double[] c = new double[3];
    for (int i = 0; i < n; i++) {
      double u = x[2 * i] - m[0];
      double v = x[2 * i + 1] - m[1];
      c[0] += u * u / (n - 1);
      c[1] += u * v / (n - 1);
      c[2] += v * v / (n - 1);
    }
    return c;
  }
}
