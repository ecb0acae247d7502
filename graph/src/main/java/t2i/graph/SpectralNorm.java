package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalisation (Miyato et al., ICLR 2018): a kernel divided by its largest singular value
 * σ, estimated by one power iteration per training step from a persistent vector u. The kernel
 * {@code [..., out]} is read as a {@code [rows, out]} matrix W; then v = unit(u·Wᵀ), u' =
 * unit(v·W), σ = v·W·u'ᵀ, with u' and v held constant for the gradient (the paper's choice), and u
 * ← u' after the step.
 *
 * @param normalised W / σ, in the kernel's shape
 * @param sigma the estimate σ, a scalar
 * @param update the op that stores u'
 */
public record SpectralNorm(Operand<TFloat32> normalised, Operand<TFloat32> sigma, Op update) {
  private static final float EPSILON = 1e-12f;

  /**
   * @param w the kernel, its last dimension the outputs
   * @param u the power iteration's state {@code [1, out]}
   */
  public static SpectralNorm of(Ops tf, Operand<TFloat32> w, Variable<TFloat32> u) {
    long out = w.shape().size(w.shape().numDimensions() - 1);
    Operand<TFloat32> matrix = tf.reshape(w, tf.constant(new long[] {-1, out}));
    Operand<TFloat32> v =
        tf.stopGradient(unit(tf, tf.linalg.matMul(u, matrix, MatMul.transposeB(true))));
    Operand<TFloat32> next = tf.stopGradient(unit(tf, tf.linalg.matMul(v, matrix)));
    Operand<TFloat32> sigma =
        tf.sum(tf.math.mul(tf.linalg.matMul(v, matrix), next), tf.constant(new int[] {0, 1}));
    return new SpectralNorm(tf.math.div(w, sigma), sigma, tf.assign(u, next));
  }

  /** {@code x / ‖x‖} of a row vector. */
  private static Operand<TFloat32> unit(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> squared = tf.sum(tf.math.square(x), tf.constant(new int[] {0, 1}));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.add(squared, tf.constant(EPSILON))));
  }
}
