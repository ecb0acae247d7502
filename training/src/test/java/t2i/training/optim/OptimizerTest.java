package t2i.training.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.training.BatchTensors;

/**
 * One step of each rule on L = ½‖w‖² (gradient w), against the update written out by hand. (w·w,
 * not Square: TF's C++ gradient of Square crashes on a reference variable.)
 */
class OptimizerTest {
  static final float[] W = {1f, -2f, 0.5f};
  static final float LR = 0.1f;

  /** w after one step of {@code optimizer}; also checks the slot names checkpoints rely on. */
  static float[] oneStep(Optimizer optimizer, List<String> slots) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("net_w").variable(tf.constant(W));
      Operand<TFloat32> loss =
          tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.mul(w, w), tf.constant(0)));
      List<Operand<TFloat32>> grads = Optimizer.gradients(tf, loss, List.of(w), 0);
      Op barrier = GradientBarrier.after(tf, grads, "done");
      Op train = optimizer.apply(tf, List.of(w), grads, tf.constant(LR), barrier, "opt");
      for (String slot : slots) {
        assertNotNull(g.operation(slot), slot);
      }
      try (Session s = new Session(g)) {
        s.initialize();
        s.runner().addTarget(train).run();
        try (Result r = s.runner().fetch(w).run()) {
          return BatchTensors.floats((TFloat32) r.get(0));
        }
      }
    }
  }

  @Test
  void adamsFirstStepMovesEachWeightByAboutTheLearningRate() {
    float[] expected = new float[W.length];
    float b1 = 0.5f;
    float b2 = 0.999f;
    for (int i = 0; i < W.length; i++) {
      double m = (1 - b1) * W[i];
      double v = (1 - b2) * W[i] * W[i];
      double rate = LR * Math.sqrt(1 - b2) / (1 - b1);
      expected[i] = (float) (W[i] - rate * m / (Math.sqrt(v) + Adam.EPSILON));
    }
    assertArrayEquals(
        expected,
        oneStep(
            Adam.withBeta1(b1),
            List.of("net_w_adam_m", "net_w_adam_v", "opt_beta1_power", "opt_beta2_power")),
        1e-5f);
  }

  @Test
  void rmsPropsFirstStepStartsFromTheInitialMeanSquare() {
    float[] expected = new float[W.length];
    for (int i = 0; i < W.length; i++) {
      double ms = RmsProp.DECAY * 1 + (1 - RmsProp.DECAY) * W[i] * W[i];
      expected[i] = (float) (W[i] - LR * W[i] / Math.sqrt(ms + RmsProp.EPSILON));
    }
    assertArrayEquals(expected, oneStep(new RmsProp(1f), List.of("net_w_rms", "net_w_mom")), 1e-6f);
  }

  @Test
  void gradientsAreClippedElementWise() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> w = tf.withName("w").variable(tf.constant(W));
      Operand<TFloat32> loss =
          tf.math.mul(tf.constant(0.5f), tf.reduceSum(tf.math.mul(w, w), tf.constant(0)));
      Operand<TFloat32> clipped = Optimizer.gradients(tf, loss, List.of(w), 0.75f).get(0);
      s.initialize();
      try (Result r = s.runner().fetch(clipped).run()) {
        assertArrayEquals(
            new float[] {0.75f, -0.75f, 0.5f}, BatchTensors.floats((TFloat32) r.get(0)), 0f);
      }
    }
  }

  @Test
  void settingsOutOfRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Adam(1f, 0.999f));
    assertThrows(IllegalArgumentException.class, () -> new RmsProp(-1f));
  }
}
