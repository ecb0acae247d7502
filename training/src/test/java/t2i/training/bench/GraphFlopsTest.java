package t2i.training.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class GraphFlopsTest {
  @Test
  void countsConvolutionsTheirGradientsAndMatrixProductsFromShapes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, 8, 8, 3)));
      Operand<TFloat32> w =
          tf.variable(tf.zeros(tf.constant(new int[] {3, 3, 3, 5}), TFloat32.class));
      // SAME, stride 2: [2, 4, 4, 5]
      Operand<TFloat32> y = tf.nn.conv2d(x, w, List.of(1L, 2L, 2L, 1L), "SAME");
      Operand<TFloat32> flat = tf.reshape(y, tf.constant(new int[] {2, 80}));
      Operand<TFloat32> m = tf.variable(tf.zeros(tf.constant(new int[] {80, 7}), TFloat32.class));
      Operand<TFloat32> loss =
          tf.reduceSum(tf.linalg.matMul(flat, m), tf.constant(new int[] {0, 1}));
      Gradients grads = tf.gradients(loss, List.of(w, x));

      long conv = 2L * (2 * 4 * 4 * 5) * (3 * 3 * 3);
      long matmul = 2L * 2 * 7 * 80;
      GraphFlops.Count forward = GraphFlops.count(GraphFlops.reachable(List.of(loss.op())));
      assertEquals(Map.of("Conv2D", conv, "MatMul", matmul), forward.byType());
      assertEquals(0, forward.unknownShapes());

      GraphFlops.Count backward =
          GraphFlops.count(GraphFlops.reachable(List.of(grads.dy(0).op(), grads.dy(1).op())));
      // the gradients need the forward convolution and both of its backward passes
      assertEquals(conv, backward.byType().get("Conv2D"));
      assertEquals(conv, backward.byType().get("Conv2DBackpropFilter"));
      assertEquals(conv, backward.byType().get("Conv2DBackpropInput"));
    }
  }
}
