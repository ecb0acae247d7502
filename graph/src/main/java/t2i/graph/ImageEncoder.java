package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/** The image encoder θ; see {@link ImageEncoderConfig}. Variables: {@code imgenc_*}. */
public final class ImageEncoder {
  public static final String PREFIX = "imgenc";
  private static final float LEAK = 0.2f;

  private ImageEncoder() {}

  /**
   * @param input images {@code float32 [N, 64, 64, 3]} in [−1, 1], or features {@code [N,
   *     featureDim]}
   * @return the embedding, {@code float32 [N, embeddingDim]}
   */
  public static Operand<TFloat32> build(
      Network net, ImageEncoderConfig c, Operand<TFloat32> input) {
    Ops tf = net.tf();
    Init weights = Init.normal(0f, 0.02f);
    if (c.featureDim() > 0) {
      return c.featureDim() == c.embeddingDim()
          ? tf.identity(input)
          : Layers.dense(
              net, "proj", input, DenseSpec.of(c.featureDim(), c.embeddingDim(), weights));
    }
    Operand<TFloat32> x = input;
    int in = 3;
    int out = c.width();
    for (int i = 1; i <= 4; i++) {
      boolean norm = i > 1;
      ConvSpec spec = ConvSpec.of(in, out, weights).withKernel(4).withStride(2);
      x = Layers.conv2d(net, "conv" + i, x, norm ? spec.withoutBias() : spec);
      if (norm) {
        x = Layers.batchNorm(net, "bn" + i, x, NormSpec.of(out).withGamma(Init.normal(1f, 0.02f)));
      }
      x = Layers.leakyRelu(tf, x, LEAK);
      in = out;
      out *= 2;
    }
    int flat = 4 * 4 * in;
    x = tf.reshape(x, tf.constant(new int[] {-1, flat}));
    Operand<TFloat32> emb =
        Layers.dense(net, "proj", x, DenseSpec.of(flat, c.embeddingDim(), weights));
    if (c.outputNorm() > 0) {
      Operand<TFloat32> length =
          tf.math.sqrt(
              tf.math.add(
                  tf.reduceSum(tf.math.square(emb), tf.constant(1), ReduceSum.keepDims(true)),
                  tf.constant(1e-8f)));
      emb = tf.math.mul(tf.math.div(emb, length), tf.constant(c.outputNorm()));
    }
    return emb;
  }
}
