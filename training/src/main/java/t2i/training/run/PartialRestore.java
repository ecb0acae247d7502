package t2i.training.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;
import t2i.error.UserException;

/**
 * Restores some variables of a graph from another run's checkpoint (TF's saver restores a whole
 * graph from one prefix): a RestoreV2 of those names, fed the prefix, assigned to the variables. A
 * style encoder's graph starts with the trained generator's weights this way.
 */
public final class PartialRestore {
  private final Placeholder<TString> prefix;
  private final Op restore;

  /** Builds the restore ops for {@code variables} (checkpoint names are their op names). */
  public PartialRestore(Ops tf, List<Variable<TFloat32>> variables, String name) {
    String[] names = variables.stream().map(v -> v.op().name()).toArray(String[]::new);
    String[] slices = new String[names.length];
    Arrays.fill(slices, "");
    prefix = tf.withName(name + "_prefix").placeholder(TString.class);
    List<Class<? extends TType>> types = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      types.add(TFloat32.class);
    }
    Restore values =
        tf.train.restore(
            prefix,
            tf.constant(NdArrays.vectorOfObjects(names)),
            tf.constant(NdArrays.vectorOfObjects(slices)),
            types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> value = (Operand<TFloat32>) values.tensors().get(i);
      assigns.add(tf.assign(variables.get(i), value));
    }
    restore = tf.withName(name).withControlDependencies(assigns).noOp();
  }

  /** Assigns the variables their values in {@code checkpoint}. */
  public void run(Session session, Checkpoint checkpoint) {
    try (TString p = TString.scalarOf(checkpoint.prefix())) {
      session.runner().feed(prefix, p).addTarget(restore).run();
    } catch (RuntimeException e) {
      String first = String.valueOf(e.getMessage()).strip().lines().findFirst().orElse("");
      throw new UserException(checkpoint.dir() + " does not hold these weights (" + first + ")", e);
    }
  }
}
