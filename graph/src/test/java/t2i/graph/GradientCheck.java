package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * TF's symbolic gradients of a scalar loss against central differences, on tiny graphs. Each tensor
 * is fed at perturbed values in place of its own (a variable or a constant), so the loss can be
 * evaluated around the point where the symbolic gradient is taken.
 */
public final class GradientCheck {
  /** Step of the central differences, large enough for float32 losses of order 1. */
  public static final double EPS = 1e-3;

  /** Allowed |numeric − analytic|, relative to max(1, the largest gradient). */
  public static final double TOLERANCE = 5e-3;

  private GradientCheck() {}

  /**
   * One tensor's comparison.
   *
   * @param maxError max |numeric − analytic| over the elements where the function is smooth
   * @param maxGradient max |analytic| over those elements
   * @param kinks elements where forward and backward differences disagree (a ReLU switches within
   *     the step), left out of the maxima
   */
  public record Comparison(String name, int size, double maxError, double maxGradient, int kinks) {
    public void assertMatches() {
      assertTrue(maxGradient > 1e-3, name + " has no gradient to check");
      assertTrue(
          maxError < TOLERANCE * Math.max(1, maxGradient),
          name
              + ": max |numeric − analytic| = "
              + maxError
              + " (max gradient "
              + maxGradient
              + ")");
    }
  }

  /** A loss that weighs every element of {@code y} differently: Σ y ∘ r, r ~ N(0, 1). */
  public static Operand<TFloat32> weightedSum(Ops tf, Operand<TFloat32> y, long seed) {
    Shape shape = y.shape();
    float[] r = GraphTesting.seeded((int) shape.size(), seed, 1f);
    int[] axes = new int[shape.numDimensions()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return tf.reduceSum(tf.math.mul(y, tf.constant(shape, DataBuffers.of(r))), tf.constant(axes));
  }

  /** Compares d loss / d x for each of {@code xs}; the graph must not have been run yet. */
  public static List<Comparison> compare(
      Ops tf, Session s, Operand<TFloat32> loss, List<? extends Operand<TFloat32>> xs) {
    Gradients grads = tf.gradients(loss, xs);
    List<Comparison> out = new ArrayList<>();
    for (int v = 0; v < xs.size(); v++) {
      Operand<TFloat32> x = xs.get(v);
      float[] value = GraphTesting.fetch(s, x);
      float[] analytic = GraphTesting.fetch(s, grads.<TFloat32>dy(v));
      double base = lossAt(s, loss, x, value, 0, 0);
      double maxError = 0;
      double maxGradient = 0;
      int kinks = 0;
      for (int i = 0; i < value.length; i++) {
        double plus = lossAt(s, loss, x, value, i, EPS);
        double minus = lossAt(s, loss, x, value, i, -EPS);
        double forward = (plus - base) / EPS;
        double backward = (base - minus) / EPS;
        if (Math.abs(forward - backward) > 2e-2 * Math.max(1, Math.abs(forward))) {
          kinks++; // the difference quotient means nothing across a kink
          continue;
        }
        double numeric = (plus - minus) / (2 * EPS);
        maxError = Math.max(maxError, Math.abs(numeric - analytic[i]));
        maxGradient = Math.max(maxGradient, Math.abs(analytic[i]));
      }
      out.add(new Comparison(x.op().name(), value.length, maxError, maxGradient, kinks));
    }
    return out;
  }

  /** For smooth functions: every gradient is non-zero, matches, and there is no kink. */
  public static void assertMatches(
      Ops tf, Session s, Operand<TFloat32> loss, List<? extends Operand<TFloat32>> xs) {
    for (Comparison c : compare(tf, s, loss, xs)) {
      c.assertMatches();
      assertEquals(0, c.kinks(), c.name() + " is smooth");
    }
  }

  private static double lossAt(
      Session s, Operand<TFloat32> loss, Operand<TFloat32> x, float[] value, int i, double d) {
    float[] moved = value.clone();
    moved[i] += (float) d;
    try (TFloat32 t = GraphTesting.tensor(x.shape(), moved);
        Result r = s.runner().feed(x, t).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }
}
