package t2i.graph;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;
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
 *
 * The {@link Surrogate#SOFTMAX softmax} surrogate replaces each hinge sum by the cross-entropy of
 * the softmax over the same scores (the multi-class N-pair loss of Sohn, NeurIPS 2016), in both
 * directions:
 *
 * <pre>
 * L = 1/N Σ_i [ −log softmax(S[i][·])[i] − log softmax(S[·][i])[i] ]
 * </pre>
 */
public final class SjeLoss {
  public static final float MARGIN = 1f;

  /** The convex surrogate of the 0–1 loss: Reed's hinge, or the softmax cross-entropy. */
  public enum Surrogate {
    @SerializedName("hinge")
    HINGE,
    @SerializedName("softmax")
    SOFTMAX;

    /** The name on the command line and in files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Surrogate of(String name) {
      for (Surrogate s : values()) {
        if (s.label().equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown loss '" + name + "' (expected hinge or softmax)");
    }
  }

  private SjeLoss() {}

  /** The loss with either surrogate; see {@link #build} and {@link #softmax}. */
  public static Operand<TFloat32> build(
      Ops tf,
      Surrogate surrogate,
      Operand<TFloat32> images,
      Operand<TFloat32> texts,
      int batchSize) {
    return surrogate == Surrogate.HINGE
        ? build(tf, images, texts, batchSize)
        : softmax(tf, images, texts, batchSize);
  }

  /**
   * The softmax surrogate: per image, the cross-entropy of its caption among the batch's captions,
   * plus per caption that of its image among the batch's images, averaged over the batch.
   */
  public static Operand<TFloat32> softmax(
      Ops tf, Operand<TFloat32> images, Operand<TFloat32> texts, int batchSize) {
    float[][] identity = new float[batchSize][batchSize];
    for (int i = 0; i < batchSize; i++) {
      identity[i][i] = 1f;
    }
    Operand<TFloat32> labels = tf.constant(identity);
    Operand<TFloat32> imageToText =
        tf.nn
            .softmaxCrossEntropyWithLogits(
                tf.linalg.matMul(images, texts, MatMul.transposeB(true)), labels)
            .loss();
    Operand<TFloat32> textToImage =
        tf.nn
            .softmaxCrossEntropyWithLogits(
                tf.linalg.matMul(texts, images, MatMul.transposeB(true)), labels)
            .loss();
    return tf.math.div(
        tf.reduceSum(tf.math.add(imageToText, textToImage), tf.constant(0)),
        tf.constant((float) batchSize));
  }

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
