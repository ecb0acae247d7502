package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/** The layers' gradients from TF's registry against central differences ({@link GradientCheck}). */
class LayerGradientTest {
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void instanceNorm(boolean affine) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "norm", Mode.TRAINING, 0);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 2, 3, 3, 2);
      NormSpec spec = NormSpec.of(2).withGamma(Init.normal(1f, 0.3f));
      Operand<TFloat32> y = Layers.instanceNorm(net, "in", x, affine ? spec : spec.withoutAffine());
      List<Operand<TFloat32>> xs = new ArrayList<>(net.trainable());
      xs.add(x);
      GradientCheck.assertMatches(tf, s, GradientCheck.weightedSum(tf, y, 2), xs);
    }
  }

  @Test
  void nearestUpsampling() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 2, 2, 3, 2);
      Operand<TFloat32> y = Layers.upsampleNearest(tf, x, 2);
      GradientCheck.assertMatches(tf, s, GradientCheck.weightedSum(tf, y, 2), List.of(x));
    }
  }

  @Test
  void nearestUpsamplingDifferentiatesTwice() {
    // L = Σ up(x)² = 4 Σ x² (every pixel appears 4 times), dL/dx = 8x, d(Σ (dL/dx)²)/dx = 128x.
    // The gradients are seeded with a constant: the default seed (OnesLike) has no gradient.
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 1, 2, 2, 3);
      Gradients.Options seed = Gradients.dx(List.of(tf.constant(1f)));
      Operand<TFloat32> up = Layers.upsampleNearest(tf, x, 2);
      Operand<TFloat32> first =
          tf.gradients(sumOfSquares(tf, up), List.of(x), seed).<TFloat32>dy(0);
      Operand<TFloat32> second =
          tf.gradients(sumOfSquares(tf, first), List.of(x), seed).<TFloat32>dy(0);
      float[] value = GraphTesting.fetch(s, x);
      float[] expected = new float[value.length];
      for (int i = 0; i < value.length; i++) {
        expected[i] = 128 * value[i];
      }
      assertArrayEquals(expected, GraphTesting.fetch(s, second), 1e-4f);
    }
  }

  private static Operand<TFloat32> sumOfSquares(Ops tf, Operand<TFloat32> x) {
    return tf.reduceSum(tf.math.mul(x, x), tf.constant(new int[] {0, 1, 2, 3}));
  }
}
