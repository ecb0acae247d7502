package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.graph.GraphTesting;

class PerceptualLossTest {
  static float loss(float[] a, float[] b) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(1, 8, 8, 1), DataBuffers.of(a));
      Operand<TFloat32> y = tf.constant(Shape.of(1, 8, 8, 1), DataBuffers.of(b));
      return GraphTesting.fetch(s, new PerceptualLoss(tf, 1).between(x, y))[0];
    }
  }

  @Test
  void zeroForEqualImagesGrowingWithTheDifferenceAndTheSameInEveryGraph() {
    float[] a = GraphTesting.seeded(64, 1, 1f);
    float[] near = a.clone();
    near[10] += 0.1f;
    float[] far = a.clone();
    for (int i = 0; i < 32; i++) {
      far[i] += 1f;
    }
    assertEquals(0f, loss(a, a));
    float small = loss(a, near);
    float large = loss(a, far);
    assertTrue(small > 0 && large > small, small + " vs " + large);
    assertEquals(large, loss(a, far), "the frozen weights come from a fixed seed");
  }
}
