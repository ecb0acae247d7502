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
 * RMSprop as in Torch's {@code optim.rmsprop}, which Reed et al. used: {@code ms ← ρ·ms + (1−ρ)·g²;
 * w ← w − lr·g / √(ms + ε)} with ρ = 0.99, ε = 1e-8, no momentum (TF's ApplyRMSProp, which puts ε
 * inside the square root where Torch adds it outside: a difference of order 1e-8). The mean square
 * starts at {@code initialMeanSquare}: Torch used 0, which makes the first steps about 10 × lr per
 * weight; TF1 used 1.
 */
public final class RmsProp {
  public static final float DECAY = 0.99f;
  public static final float EPSILON = 1e-8f;

  private RmsProp() {}

  /**
   * One update op for all {@code variables}, with slots {@code <var>_rms} and {@code <var>_mom}.
   *
   * @param after the updates run only after this op ({@link GradientBarrier})
   */
  public static Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      float initialMeanSquare,
      Op after,
      String name) {
    checkArgument(
        variables.size() == gradients.size(),
        "%s variables, %s gradients",
        variables.size(),
        gradients.size());
    Ops gated = tf.withControlDependencies(List.of(after));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> v = variables.get(i);
      Variable<TFloat32> ms = Slots.filled(tf, v, "rms", initialMeanSquare);
      Variable<TFloat32> mom = Slots.zeros(tf, v, "mom");
      updates.add(
          gated.train.applyRmsProp(
              v,
              ms,
              mom,
              learningRate,
              gated.constant(DECAY),
              gated.constant(0f),
              gated.constant(EPSILON),
              gradients.get(i)));
    }
    return tf.withName(name).withControlDependencies(updates).noOp();
  }
}
