package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code (1 − β)·a + β·b} in the graph: the project's one interpolation convention (β = 0 gives
 * {@code a}, β = 1 gives {@code b}), as {@code t2i.training.Interpolation} computes it on arrays.
 */
public final class Lerp {
  private Lerp() {}

  /**
   * @param beta a scalar, or a tensor that broadcasts against {@code a} and {@code b} (one β per
   *     row: {@code [N, 1]})
   */
  public static Operand<TFloat32> of(
      Ops tf, Operand<TFloat32> a, Operand<TFloat32> b, Operand<TFloat32> beta) {
    return tf.math.add(tf.math.mul(tf.math.sub(tf.constant(1f), beta), a), tf.math.mul(beta, b));
  }
}
