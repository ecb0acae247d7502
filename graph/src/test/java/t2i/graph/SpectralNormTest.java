package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class SpectralNormTest {
  /** [[2, 1], [1, 2], [0, 0]]: WᵀW = [[5, 4], [4, 5]], eigenvalues 9 and 1, so σ_max = 3. */
  private static final float[] W = {2, 1, 1, 2, 0, 0};

  @Test
  void powerIterationFindsTheLargestSingularValueAndNormalisesToOne() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.variable(tf.constant(Shape.of(3, 2), DataBuffers.of(W)));
      Variable<TFloat32> u = tf.variable(tf.constant(Shape.of(1, 2), DataBuffers.of(1f, 0f)));
      SpectralNorm sn = SpectralNorm.of(tf, w, u);
      for (int i = 0; i < 30; i++) {
        s.runner().addTarget(sn.update()).run();
      }
      assertEquals(3f, GraphTesting.fetch(s, sn.sigma())[0], 1e-5f);
      // The top right singular vector is (1, 1)/√2; W/σ maps it to a unit vector.
      float[] n = GraphTesting.fetch(s, sn.normalised());
      double x = (n[0] + n[1]) / Math.sqrt(2);
      double y = (n[2] + n[3]) / Math.sqrt(2);
      double z = (n[4] + n[5]) / Math.sqrt(2);
      assertEquals(1.0, Math.sqrt(x * x + y * y + z * z), 1e-5);
      float[] stored = GraphTesting.fetch(s, u);
      assertEquals(Math.abs(stored[0]), Math.abs(stored[1]), 1e-5f);
    }
  }

  @Test
  void theGradientIsThatOfWOverItsSpectralNormOnceConverged() {
    // With u and v held constant the gradient is exact only at the power iteration's fixed point,
    // where σ's derivative is vuᵀ: converge first, then compare with central differences.
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w =
          tf.variable(
              tf.constant(Shape.of(2, 2, 3, 4), DataBuffers.of(GraphTesting.seeded(48, 3, 1f))));
      Variable<TFloat32> u =
          tf.variable(tf.constant(Shape.of(1, 4), DataBuffers.of(GraphTesting.seeded(4, 4, 1f))));
      SpectralNorm sn = SpectralNorm.of(tf, w, u);
      for (int i = 0; i < 200; i++) {
        s.runner().addTarget(sn.update()).run();
      }
      GradientCheck.assertMatches(
          tf, s, GradientCheck.weightedSum(tf, sn.normalised(), 5), List.of(w));
    }
  }

  @Test
  void aNormalisedNetworkSharesOneKernelAndOneUpdateAcrossApplications() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "disc", Mode.TRAINING, 0).withSpectralNorm();
      assertTrue(net.spectralNorm());
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 2, 5);
      Operand<TFloat32> first = Layers.dense(net, "fc", x, DenseSpec.of(5, 3, Init.normal(0f, 1f)));
      Operand<TFloat32> again =
          Layers.dense(net.reuse(), "fc", x, DenseSpec.of(5, 3, Init.normal(0f, 1f)));
      assertEquals(1, net.updates().size());
      assertTrue(net.all().stream().anyMatch(v -> v.op().name().equals("disc_fc_w_sn_u")));
      float[] a = GraphTesting.fetch(s, first);
      float[] b = GraphTesting.fetch(s, again);
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 1e-6f);
      }
      assertFalse(new Network(tf, "plain", Mode.TRAINING, 0).spectralNorm());
    }
  }

  @Test
  void aNormalisedDiscriminatorHasNoBatchNorm() {
    GanConfig c = GanConfig.tiny();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0).withSpectralNorm();
      Discriminator.build(
          disc, c, GanGraphTest.random(tf, 1, 2, 64, 64, 3), GanGraphTest.random(tf, 2, 2, 16));
      assertTrue(disc.all().stream().noneMatch(v -> v.op().name().contains("bn")));
      assertTrue(disc.all().stream().anyMatch(v -> v.op().name().equals("disc_joint_w_sn_u")));
    }
  }
}
