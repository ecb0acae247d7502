package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/** The image encoder θ; see {@link ImageEncoderConfig}. Variables: {@code imgenc_*}. */
public final class ImageEncoder {
  public static final String PREFIX = "imgenc";

  private ImageEncoder() {}

  /**
   * @param input images {@code float32 [N, imageSize, imageSize, imageChannels]} in [−1, 1], or
   *     features {@code [N, featureDim]}
   * @return the embedding, {@code float32 [N, embeddingDim]}
   */
  public static Operand<TFloat32> build(
      Network net, ImageEncoderConfig c, Operand<TFloat32> input) {
    Ops tf = net.tf();
    if (c.featureDim() > 0) {
      return c.featureDim() == c.embeddingDim()
          ? tf.identity(input)
          : Layers.dense(net, "proj", input, Dcgan.dense(c.featureDim(), c.embeddingDim()));
    }
    ImageTrunk trunk = c.trunk();
    Operand<TFloat32> x = trunk.buildFlat(net, input);
    int in = trunk.features();
    if (c.colourGrid() > 0) {
      long cell = c.imageSize() / c.colourGrid();
      Operand<TFloat32> grid =
          tf.nn.avgPool(input, List.of(1L, cell, cell, 1L), List.of(1L, cell, cell, 1L), "VALID");
      x =
          tf.concat(
              List.of(x, tf.reshape(grid, tf.constant(new int[] {-1, c.colourFeatures()}))),
              tf.constant(1));
      in += c.colourFeatures();
    }
    Operand<TFloat32> emb = Layers.dense(net, "proj", x, Dcgan.dense(in, c.embeddingDim()));
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
