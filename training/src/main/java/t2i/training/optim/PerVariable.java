package t2i.training.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The loop every update rule shares: one update per variable, each gated on a barrier. */
final class PerVariable {
  private PerVariable() {}

  /** One variable's update, built on {@code gated} (ops that wait for the barrier). */
  @FunctionalInterface
  interface Update {
    Op build(Ops gated, Variable<TFloat32> variable, Operand<TFloat32> gradient);
  }

  static List<Op> updates(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Op after,
      Update update) {
    checkArgument(
        variables.size() == gradients.size(),
        "%s variables, %s gradients",
        variables.size(),
        gradients.size());
    Ops gated = tf.withControlDependencies(List.of(after));
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      updates.add(update.build(gated, variables.get(i), gradients.get(i)));
    }
    return updates;
  }
}
