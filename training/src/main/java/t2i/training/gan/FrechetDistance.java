package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;
import t2i.training.Sessions;

/**
 * The Fréchet distance between Gaussians fitted to two sets of feature vectors (the FID formula, on
 * whatever features are given): {@code ‖μ₁ − μ₂‖² + tr(C₁ + C₂ − 2 (C₁ C₂)^½)}, covariances with
 * {@code n − 1}. {@code tr (C₁ C₂)^½} is computed as {@code Σ √λ} over the eigenvalues of the
 * symmetric {@code C₁^½ C₂ C₁^½} (same spectrum, and stable when the covariances are singular, as
 * they are with fewer samples than dimensions), in float64.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /**
   * @param a row-major {@code [na, dim]}
   * @param b row-major {@code [nb, dim]}
   */
  public static double between(float[] a, int na, float[] b, int nb, int dim) {
    checkArgument(na >= 2 && nb >= 2, "need at least two vectors per set, had %s and %s", na, nb);
    checkArgument(
        a.length == na * dim && b.length == nb * dim, "feature arrays do not match their shapes");
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat64> x =
          tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(na, dim)));
      Placeholder<TFloat64> y =
          tf.placeholder(TFloat64.class, Placeholder.shape(Shape.of(nb, dim)));
      Operand<TFloat64> mx = tf.math.mean(x, tf.constant(0));
      Operand<TFloat64> my = tf.math.mean(y, tf.constant(0));
      Operand<TFloat64> cx = covariance(tf, x, mx, na);
      Operand<TFloat64> cy = covariance(tf, y, my, nb);
      SelfAdjointEig<TFloat64> ex = tf.linalg.selfAdjointEig(cx, SelfAdjointEig.computeV(true));
      Operand<TFloat64> rootX =
          tf.linalg.matMul(
              tf.math.mul(ex.v(), tf.math.sqrt(tf.math.maximum(ex.e(), tf.constant(0.0)))),
              ex.v(),
              MatMul.transposeB(true));
      Operand<TFloat64> middle = tf.linalg.matMul(tf.linalg.matMul(rootX, cy), rootX);
      // symmetrise against round-off before the symmetric eigensolver
      middle =
          tf.math.mul(
              tf.math.add(middle, tf.linalg.transpose(middle, tf.constant(new int[] {1, 0}))),
              tf.constant(0.5));
      Operand<TFloat64> mu = tf.linalg.selfAdjointEig(middle, SelfAdjointEig.computeV(false)).e();
      Operand<TFloat64> traceRoot =
          tf.reduceSum(tf.math.sqrt(tf.math.maximum(mu, tf.constant(0.0))), tf.constant(0));
      Operand<TFloat64> meanTerm =
          tf.reduceSum(tf.math.square(tf.math.sub(mx, my)), tf.constant(0));
      Operand<TFloat64> distance =
          tf.math.sub(
              tf.math.add(meanTerm, tf.math.add(trace(tf, x, mx, na), trace(tf, y, my, nb))),
              tf.math.mul(tf.constant(2.0), traceRoot));
      try (Session s = Sessions.create(g, 0);
          TFloat64 xt =
              TFloat64.tensorOf(Shape.of(na, dim), DataBuffers.of(toDoubles(a), true, false));
          TFloat64 yt =
              TFloat64.tensorOf(Shape.of(nb, dim), DataBuffers.of(toDoubles(b), true, false));
          Result r = s.runner().feed(x, xt).feed(y, yt).fetch(distance).run()) {
        // tiny negative values are round-off of a zero distance
        return Math.max(0.0, ((TFloat64) r.get(0)).getDouble());
      }
    }
  }

  private static Operand<TFloat64> covariance(
      Ops tf, Operand<TFloat64> x, Operand<TFloat64> mean, int n) {
    Operand<TFloat64> centred = tf.math.sub(x, mean);
    return tf.math.div(
        tf.linalg.matMul(centred, centred, MatMul.transposeA(true)), tf.constant((double) (n - 1)));
  }

  /** tr C = Σ (x − μ)² / (n − 1), without forming C's diagonal (TF has no trace op). */
  private static Operand<TFloat64> trace(
      Ops tf, Operand<TFloat64> x, Operand<TFloat64> mean, int n) {
    return tf.math.div(
        tf.reduceSum(tf.math.square(tf.math.sub(x, mean)), tf.constant(new int[] {0, 1})),
        tf.constant((double) (n - 1)));
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
