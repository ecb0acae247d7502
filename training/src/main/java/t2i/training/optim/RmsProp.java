package t2i.training.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * RMSprop as in Torch's {@code optim.rmsprop}, which Reed et al. used: {@code ms ← ρ·ms + (1−ρ)·g²;
 * w ← w − lr·g / √(ms + ε)} with ρ = 0.99, ε = 1e-8, no momentum (TF's ApplyRMSProp, which puts ε
 * inside the square root where Torch adds it outside: a difference of order 1e-8). Slots {@code
 * <var>_rms} and {@code <var>_mom}.
 *
 * @param initialMeanSquare where the mean square starts: Torch used 0, which makes the first steps
 *     about 10 × lr per weight; TF1 used 1
 */
public record RmsProp(float initialMeanSquare) implements Optimizer {
  public static final float DECAY = 0.99f;
  public static final float EPSILON = 1e-8f;

  public RmsProp {
    checkArgument(
        initialMeanSquare >= 0, "initialMeanSquare must be >= 0, was %s", initialMeanSquare);
  }

  @Override
  public Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      Op after,
      String name) {
    List<Op> updates =
        PerVariable.updates(
            tf,
            variables,
            gradients,
            after,
            (gated, v, gradient) ->
                gated.train.applyRmsProp(
                    v,
                    Slots.filled(tf, v, "rms", initialMeanSquare),
                    Slots.zeros(tf, v, "mom"),
                    learningRate,
                    gated.constant(DECAY),
                    gated.constant(0f),
                    gated.constant(EPSILON),
                    gradient));
    return tf.withName(name).withControlDependencies(updates).noOp();
  }
}
