package t2i.training.optim;

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
 * An update rule built as graph ops, with a learning rate fed each step: {@link Adam} or {@link
 * RmsProp}. Its slots are variables named after their variable, so a checkpoint holds them.
 */
public interface Optimizer {
  /**
   * One op that updates every variable from its gradient.
   *
   * @param after the updates run only after this op ({@link GradientBarrier})
   * @param name the optimizer's variable prefix and the op's name
   */
  Op apply(
      Ops tf,
      List<Variable<TFloat32>> variables,
      List<Operand<TFloat32>> gradients,
      Operand<TFloat32> learningRate,
      Op after,
      String name);

  /**
   * One network's training op: the gradients of {@code loss} for its weights only, this rule once
   * all of them exist, and the network's moving-statistics updates.
   *
   * @param name the optimizer's variable prefix; the op is named {@code opName}
   */
  default Op minimize(
      Ops tf,
      Operand<TFloat32> loss,
      Network net,
      Operand<TFloat32> learningRate,
      String name,
      String opName) {
    List<Variable<TFloat32>> vars = net.trainable();
    List<Operand<TFloat32>> grads = gradients(tf, loss, vars, 0);
    Op barrier = GradientBarrier.after(tf, grads, name + "_gradients_done");
    List<Op> ops = new ArrayList<>();
    ops.add(apply(tf, vars, grads, learningRate, barrier, name));
    ops.addAll(net.updates());
    return tf.withName(opName).withControlDependencies(ops).noOp();
  }

  /**
   * The gradients of {@code loss} for {@code variables} only (never "every variable of the graph":
   * each network is differentiated on its own), each element clipped to ±{@code clip} unless it is
   * 0.
   */
  static List<Operand<TFloat32>> gradients(
      Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables, float clip) {
    Gradients g = tf.gradients(loss, variables);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Operand<TFloat32> grad = g.<TFloat32>dy(i);
      if (clip > 0) {
        grad = tf.clipByValue(grad, tf.constant(-clip), tf.constant(clip));
      }
      grads.add(grad);
    }
    return grads;
  }
}
