package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The deep symmetric structured joint embedding loss (Reed et al. 2016, Eq. 2–4, with the convex
 * hinge surrogate) over a minibatch whose example i is an image and a caption of class i, all
 * classes distinct. With scores {@code S[i][j] = θ(v_i) · φ(t_j)} and margin Δ = 1:
 *
 * <pre>
 * L = 1/N Σ_i Σ_{j≠i} [ max(0, 1 + S[i][j] − S[i][i])     image i against the other captions
 *                      + max(0, 1 + S[j][i] − S[i][i]) ]   caption i against the other images
 * </pre>
 */
public final class SjeLoss {
  public static final float MARGIN = 1f;

  private SjeLoss() {}

  /**
   * @param images θ(v), {@code [N, D]}
   * @param texts φ(t), {@code [N, D]}
   * @param batchSize N (the loss masks the diagonal with an N × N constant)
   */
  public static Operand<TFloat32> build(
      Ops tf, Operand<TFloat32> images, Operand<TFloat32> texts, int batchSize) {
    Operand<TFloat32> scores = tf.linalg.matMul(images, texts, MatMul.transposeB(true));
    Operand<TFloat32> matching = tf.reduceSum(tf.math.mul(images, texts), tf.constant(1));
    Operand<TFloat32> margin = tf.constant(MARGIN);
    Operand<TFloat32> imageToText =
        tf.nn.relu(
            tf.math.add(
                margin, tf.math.sub(scores, tf.reshape(matching, tf.constant(new int[] {-1, 1})))));
    Operand<TFloat32> textToImage =
        tf.nn.relu(
            tf.math.add(
                margin, tf.math.sub(scores, tf.reshape(matching, tf.constant(new int[] {1, -1})))));
    float[][] offDiagonal = new float[batchSize][batchSize];
    for (int i = 0; i < batchSize; i++) {
      for (int j = 0; j < batchSize; j++) {
        offDiagonal[i][j] = i == j ? 0f : 1f;
      }
    }
    Operand<TFloat32> total =
        tf.reduceSum(
            tf.math.mul(tf.math.add(imageToText, textToImage), tf.constant(offDiagonal)),
            tf.constant(new int[] {0, 1}));
    return tf.math.div(total, tf.constant((float) batchSize));
  }
}
