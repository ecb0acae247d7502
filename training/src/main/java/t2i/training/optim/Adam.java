package t2i.training.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba) with a fed learning rate: slots {@code <var>_adam_m}, {@code <var>_adam_v},
 * and per optimizer {@code <name>_beta1_power}, {@code <name>_beta2_power}, updated after each
 * step, as TF1's AdamOptimizer keeps them (so a checkpoint restores the bias correction too).
 */
public final class Adam {
  public static final float EPSILON = 1e-8f;

  private Adam() {}

  public static Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      float beta1,
      float beta2,
      String name) {
    checkArgument(
        variables.size() == gradients.size(),
        "%s variables, %s gradients",
        variables.size(),
        gradients.size());
    Variable<TFloat32> beta1Power = tf.withName(name + "_beta1_power").variable(tf.constant(beta1));
    Variable<TFloat32> beta2Power = tf.withName(name + "_beta2_power").variable(tf.constant(beta2));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      updates.add(
          tf.train.applyAdam(
              v,
              Slots.zeros(tf, v, "adam_m"),
              Slots.zeros(tf, v, "adam_v"),
              beta1Power,
              beta2Power,
              learningRate,
              tf.constant(beta1),
              tf.constant(beta2),
              tf.constant(EPSILON),
              gradients.get(i)));
    }
    Ops after = tf.withControlDependencies(updates);
    Op nextPowers =
        after
            .withName(name + "_powers")
            .withControlDependencies(
                List.of(
                    after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))),
                    after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2)))))
            .noOp();
    return tf.withName(name).withControlDependencies(List.of(nextPowers)).noOp();
  }
}
