package t2i.training.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam (Kingma and Ba): slots {@code <var>_adam_m}, {@code <var>_adam_v}, and per application
 * {@code <name>_beta1_power}, {@code <name>_beta2_power}, advanced after each step as TF1's
 * AdamOptimizer does, so a checkpoint restores the bias correction too.
 *
 * @param beta1 the first moment's decay (DCGAN: 0.5)
 * @param beta2 the second moment's decay (0.999)
 */
public record Adam(float beta1, float beta2) implements Optimizer {
  public static final float EPSILON = 1e-8f;
  public static final float DEFAULT_BETA2 = 0.999f;

  public Adam {
    checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was %s", beta1);
    checkArgument(beta2 >= 0 && beta2 < 1, "beta2 must be in [0, 1), was %s", beta2);
  }

  /** β2 0.999, Kingma and Ba's default. */
  public static Adam withBeta1(float beta1) {
    return new Adam(beta1, DEFAULT_BETA2);
  }

  @Override
  public Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      Op after,
      String name) {
    Variable<TFloat32> beta1Power = tf.withName(name + "_beta1_power").variable(tf.constant(beta1));
    Variable<TFloat32> beta2Power = tf.withName(name + "_beta2_power").variable(tf.constant(beta2));
    List<Op> updates =
        PerVariable.updates(
            tf,
            variables,
            gradients,
            after,
            (gated, v, gradient) ->
                gated.train.applyAdam(
                    v,
                    Slots.zeros(tf, v, "adam_m"),
                    Slots.zeros(tf, v, "adam_v"),
                    beta1Power,
                    beta2Power,
                    learningRate,
                    gated.constant(beta1),
                    gated.constant(beta2),
                    gated.constant(EPSILON),
                    gradient));
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
}
