package t2i.graph.layout;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.graph.Init;
import t2i.graph.Network;

/**
 * {@code x · W + b} whose variables ({@code <name>_w}, {@code <name>_b}) are created once and
 * applied at every unrolled step.
 */
final class Affine {
  private final Ops tf;
  private final Variable<TFloat32> w;
  private final Variable<TFloat32> b;

  private Affine(Ops tf, Variable<TFloat32> w, Variable<TFloat32> b) {
    this.tf = tf;
    this.w = w;
    this.b = b;
  }

  static Affine create(Network net, String name, int in, int out, Init weights) {
    return new Affine(
        net.tf(),
        net.weight(name + "_w", Shape.of(in, out), weights),
        net.weight(name + "_b", Shape.of(out), Init.zeros()));
  }

  Operand<TFloat32> apply(Operand<TFloat32> x) {
    return tf.nn.biasAdd(tf.linalg.matMul(x, w), b);
  }
}
