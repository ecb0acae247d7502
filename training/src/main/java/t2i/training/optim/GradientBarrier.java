package t2i.training.optim;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An op that runs once every given gradient is computed. Variables are TF1 reference variables: an
 * update op may otherwise run while a backward op that still needs the weight's old value ({@code
 * dX = dY · Wᵀ}) is waiting, and the step's result then depends on scheduling (TF1's optimizers
 * gated gradients for the same reason). Every update of a step waits for the barrier over all
 * networks' gradients, which makes steps, and resumed runs, reproducible.
 */
public final class GradientBarrier {
  private GradientBarrier() {}

  public static Op after(Ops tf, List<Operand<TFloat32>> gradients, String name) {
    List<Op> computed = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      computed.add(tf.identity(g));
    }
    return tf.withName(name).withControlDependencies(computed).noOp();
  }
}
