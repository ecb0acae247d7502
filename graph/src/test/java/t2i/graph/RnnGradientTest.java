package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The unrolled recurrent layer's gradients from TF's registry against central differences. The
 * weights are fed through placeholders standing in for the variables, so the loss can be evaluated
 * at perturbed weights.
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
      Operand<TFloat32> readout =
          tf.constant(Shape.of(N, HIDDEN), DataBuffers.of(GraphTesting.seeded(N * HIDDEN, 99, 1f)));
      Operand<TFloat32> loss =
          tf.reduceSum(
              tf.math.mul(Layers.mean(tf, states), readout), tf.constant(new int[] {0, 1}));
      List<Variable<TFloat32>> vars = net.trainable();
      Gradients grads = tf.gradients(loss, vars);
      s.initialize();

      for (int v = 0; v < vars.size(); v++) {
        Variable<TFloat32> var = vars.get(v);
        float[] value = GraphTesting.fetch(s, var);
        float[] analytic;
        try (Result r = s.runner().fetch(grads.dy(v)).run()) {
          TFloat32 t = (TFloat32) r.get(0);
          analytic = new float[value.length];
          t.asRawTensor().data().asFloats().read(analytic);
        }
        double eps = 1e-3;
        double base = lossAt(s, loss, var, value, 0, 0);
        double maxError = 0;
        double maxGradient = 0;
        int kinks = 0;
        for (int i = 0; i < value.length; i++) {
          double plus = lossAt(s, loss, var, value, i, eps);
          double minus = lossAt(s, loss, var, value, i, -eps);
          double forward = (plus - base) / eps;
          double backward = (base - minus) / eps;
          if (Math.abs(forward - backward) > 2e-2 * Math.max(1, Math.abs(forward))) {
            kinks++; // a ReLU switches inside the step: the difference quotient means nothing
            continue;
          }
          double numeric = (plus - minus) / (2 * eps);
          maxError = Math.max(maxError, Math.abs(numeric - analytic[i]));
          maxGradient = Math.max(maxGradient, Math.abs(analytic[i]));
        }
        assertTrue(maxGradient > 1e-3, var.op().name() + " has no gradient to check");
        assertTrue(
            maxError < 5e-3 * Math.max(1, maxGradient),
            cell
                + " "
                + var.op().name()
                + ": max |numeric − analytic| = "
                + maxError
                + " (max gradient "
                + maxGradient
                + ")");
        assertTrue(
            kinks <= value.length / 10,
            cell + " " + var.op().name() + ": " + kinks + " of " + value.length + " at kinks");
        if (cell == Layers.Cell.GRU) {
          assertEquals(0, kinks, "the GRU is smooth");
        }
      }
    }
  }

  private static double lossAt(
      Session s, Operand<TFloat32> loss, Variable<TFloat32> var, float[] value, int i, double d) {
    float[] moved = value.clone();
    moved[i] += (float) d;
    try (TFloat32 t = TFloat32.tensorOf(var.shape(), DataBuffers.of(moved, true, false));
        Result r = s.runner().feed(var, t).fetch(loss).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }
}
