package t2i.training.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.graph.Network;

/**
 * Adam (Kingma and Ba) with a fed learning rate: slots {@code <var>_adam_m}, {@code <var>_adam_v},
 * and per optimizer {@code <name>_beta1_power}, {@code <name>_beta2_power}, advanced after each
 * step as TF1's AdamOptimizer does, so a checkpoint restores the bias correction too.
 */
public final class Adam {
  public static final float EPSILON = 1e-8f;

  private Adam() {}

  /**
   * @param after the updates run only after this op ({@link GradientBarrier})
   */
  public static Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      float beta1,
      float beta2,
      Op after,
      String name) {
    checkArgument(
        variables.size() == gradients.size(),
        "%s variables, %s gradients",
        variables.size(),
        gradients.size());
    Variable<TFloat32> beta1Power = tf.withName(name + "_beta1_power").variable(tf.constant(beta1));
    Variable<TFloat32> beta2Power = tf.withName(name + "_beta2_power").variable(tf.constant(beta2));
    Ops gated = tf.withControlDependencies(List.of(after));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      Variable<TFloat32> m = Slots.zeros(tf, v, "adam_m");
      Variable<TFloat32> s = Slots.zeros(tf, v, "adam_v");
      updates.add(
          gated.train.applyAdam(
              v,
              m,
              s,
              beta1Power,
              beta2Power,
              learningRate,
              gated.constant(beta1),
              gated.constant(beta2),
              gated.constant(EPSILON),
              gradients.get(i)));
    }
    // The powers advance only after every update of this step has read them.
    Ops afterUpdates = tf.withControlDependencies(updates);
    Op nextPowers =
        tf.withName(name + "_powers")
            .withControlDependencies(
                List.of(
                    afterUpdates.assign(
                        beta1Power,
                        afterUpdates.math.mul(beta1Power, afterUpdates.constant(beta1))),
                    afterUpdates.assign(
                        beta2Power,
                        afterUpdates.math.mul(beta2Power, afterUpdates.constant(beta2)))))
            .noOp();
    return tf.withName(name).withControlDependencies(List.of(nextPowers)).noOp();
  }

  /**
   * One network's training op: the gradients of {@code loss} for its weights only, then Adam (β2
   * 0.999) once all gradients exist, and the network's moving-statistics updates.
   *
   * @param name the optimizer's variable prefix; the op is named {@code opName}
   */
  public static Op minimize(
      Ops tf,
      Operand<TFloat32> loss,
      Network net,
      Operand<TFloat32> learningRate,
      float beta1,
      String name,
      String opName) {
    List<Variable<TFloat32>> vars = net.trainable();
    Gradients g = tf.gradients(loss, vars);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      grads.add(g.<TFloat32>dy(i));
    }
    Op barrier = GradientBarrier.after(tf, grads, name + "_gradients_done");
    List<Op> ops = new ArrayList<>();
    ops.add(apply(tf, vars, grads, learningRate, beta1, 0.999f, barrier, name));
    ops.addAll(net.updates());
    return tf.withName(opName).withControlDependencies(ops).noOp();
  }
}
