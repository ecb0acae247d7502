package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.graph.GradientCheck;
import t2i.graph.GraphTesting;

class BivariateGmmTest {
  static final float FLOOR = 0.01f;

  // Two components: logits, μx, μy, raw σx, raw σy, raw ρ, each a block of K = 2.
  static final float[] RAW = {
    0.3f, -0.4f, 0.2f, 0.7f, 0.5f, 0.1f, -1.2f, -0.3f, -0.8f, 0.2f, 0.6f, -1.5f
  };

  static double bivariateNormal(
      double x, double y, double mx, double my, double sx, double sy, double rho) {
    double dx = (x - mx) / sx;
    double dy = (y - my) / sy;
    double oneMinus = 1 - rho * rho;
    double z = dx * dx + dy * dy - 2 * rho * dx * dy;
    return Math.exp(-z / (2 * oneMinus)) / (2 * Math.PI * sx * sy * Math.sqrt(oneMinus));
  }

  @Test
  void logLikelihoodOfTwoComponentsMatchesTheDensityWrittenOut() {
    double x = 0.35;
    double y = 0.6;
    double z0 = Math.exp(RAW[0]);
    double z1 = Math.exp(RAW[1]);
    double[] pi = {z0 / (z0 + z1), z1 / (z0 + z1)};
    double density = 0;
    for (int k = 0; k < 2; k++) {
      double sx = FLOOR + Math.exp(RAW[6 + k]);
      double sy = FLOOR + Math.exp(RAW[8 + k]);
      double rho = 0.95 * Math.tanh(RAW[10 + k]);
      density += pi[k] * bivariateNormal(x, y, RAW[2 + k], RAW[4 + k], sx, sy, rho);
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      BivariateGmm.Params p =
          BivariateGmm.fromRaw(tf, tf.constant(Shape.of(1, 12), DataBuffers.of(RAW)), 2, FLOOR);
      Operand<TFloat32> logP =
          BivariateGmm.logLikelihood(
              tf, p, tf.constant(new float[] {(float) x}), tf.constant(new float[] {(float) y}));
      assertEquals(Math.log(density), GraphTesting.fetch(s, logP)[0], 1e-5);
    }
  }

  @Test
  void farPointsAndTinySigmasStayFinite() {
    // σ far below the floor, ρ at its bound, points 10⁴ away: log p is very negative, not NaN.
    float[] raw = {50f, -50f, 0f, 0.5f, 0f, 0.5f, -80f, -80f, -80f, -80f, 30f, -30f};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> rawOp = tf.constant(Shape.of(1, 12), DataBuffers.of(raw));
      BivariateGmm.Params p = BivariateGmm.fromRaw(tf, rawOp, 2, FLOOR);
      Operand<TFloat32> logP =
          BivariateGmm.logLikelihood(
              tf, p, tf.constant(new float[] {1e4f}), tf.constant(new float[] {-1e4f}));
      Operand<TFloat32> gradient = tf.gradients(logP, List.of(rawOp)).dy(0);
      float value = GraphTesting.fetch(s, logP)[0];
      assertTrue(Float.isFinite(value) && value < -1e6, "log p = " + value);
      for (float d : GraphTesting.fetch(s, gradient)) {
        assertTrue(Float.isFinite(d), "gradient " + d);
      }
    }
  }

  @Test
  void gradientsForTheRawParametersMatchCentralDifferences() {
    int n = 3;
    int k = 3;
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> raw =
          tf.constant(
              Shape.of(n, BivariateGmm.rawSize(k)),
              DataBuffers.of(GraphTesting.seeded(n * BivariateGmm.rawSize(k), 7, 0.5f)));
      Operand<TFloat32> x = tf.constant(new float[] {0.2f, -0.3f, 0.5f});
      Operand<TFloat32> y = tf.constant(new float[] {0.1f, 0.4f, -0.6f});
      Operand<TFloat32> loss =
          tf.math.neg(
              tf.reduceSum(
                  BivariateGmm.logLikelihood(tf, BivariateGmm.fromRaw(tf, raw, k, FLOOR), x, y),
                  tf.constant(0)));
      GradientCheck.assertMatches(tf, s, loss, List.of(raw));
    }
  }
}
