package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The unrolled recurrent layer's gradients from TF's registry against central differences, for
 * every cell. The weights are fed in place of the variables, so the loss can be evaluated at
 * perturbed weights.
 */
class RnnGradientTest {
  static final int N = 3;
  static final int IN = 4;
  static final int HIDDEN = 5;
  static final int STEPS = 6;

  @ParameterizedTest
  @EnumSource(Layers.Cell.class)
  void analyticGradientsMatchCentralDifferences(Layers.Cell cell) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "rnn", Mode.TRAINING, 3);
      List<Operand<TFloat32>> steps = new ArrayList<>();
      for (int t = 0; t < STEPS; t++) {
        steps.add(
            tf.constant(Shape.of(N, IN), DataBuffers.of(GraphTesting.seeded(N * IN, 10 + t, 1f))));
      }
      List<Operand<TFloat32>> states =
          Layers.rnn(net, "cell", steps, new RnnSpec(cell, IN, HIDDEN, Init.uniform(0.5f)));
      // A loss that weighs every state of every step differently.
      Operand<TFloat32> loss = GradientCheck.weightedSum(tf, Layers.mean(tf, states), 99);
      for (GradientCheck.Comparison c : GradientCheck.compare(tf, s, loss, net.trainable())) {
        c.assertMatches();
        assertTrue(c.kinks() <= c.size() / 10, cell + " " + c + ": too many kinks");
        if (cell != Layers.Cell.RELU) {
          assertEquals(0, c.kinks(), cell + " is smooth");
        }
      }
    }
  }
}
