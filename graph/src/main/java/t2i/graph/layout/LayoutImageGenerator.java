package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.graph.ConvSpec;
import t2i.graph.Dcgan;
import t2i.graph.Init;
import t2i.graph.Layers;
import t2i.graph.Network;
import t2i.graph.Norm;
import t2i.graph.ResidualBlock;

/**
 * G_img(M, s, z) of Hong et al. (CVPR 2018; {@code LAYOUT_SPEC.md} §4):
 *
 * <ol>
 *   <li>the label map M {@code [N, S, S, L]} encoded by 4×4 stride-2 convolutions, each with batch
 *       norm and ReLU, into A {@code [N, h, h, d]};
 *   <li>the text gate A ⊙ σ(tile(FC(s))), FC(s) of size d;
 *   <li>a second FC(s) (LeakyReLU 0.2) and the noise z, each tiled over h × h and concatenated to
 *       the gated A; a 3×3 convolution back to d, batch norm, ReLU;
 *   <li>bottleneck residual blocks ({@link ResidualBlock});
 *   <li>a cascaded refinement decoder: at every doubling of the side, nearest-neighbour upsampling,
 *       M resized to that side concatenated, a 3×3 convolution, batch norm, ReLU;
 *   <li>a 3×3 convolution to RGB and tanh.
 * </ol>
 *
 * M is resized down by average pooling (each cell the share of its pixels a class covers), so a
 * thin object still shows at the coarse layers where nearest sampling could drop it.
 *
 * <p>Batch norm, not instance norm, after the text enters: instance norm would subtract the tiled
 * FC(s) and z (constant over the grid in each channel) away, and undo the gate's per-channel scale
 * before the next convolution mixes channels. Batch statistics keep what differs between samples.
 * DCGAN's initialisation ({@link Dcgan}). Variables: {@code limg_*}.
 */
public final class LayoutImageGenerator {
  public static final String PREFIX = "limg";

  private LayoutImageGenerator() {}

  /**
   * @param labelMap M {@code [N, imageSize, imageSize, classes]} in [0, 1]
   * @param text sentence embeddings {@code [N, embeddingDim]}
   * @param z noise {@code [N, zDim]}
   * @return images {@code [N, imageSize, imageSize, 3]} in (−1, 1)
   */
  public static Operand<TFloat32> build(
      Network net,
      LayoutImageConfig c,
      Operand<TFloat32> labelMap,
      Operand<TFloat32> text,
      Operand<TFloat32> z) {
    Ops tf = net.tf();
    checkLabelMap(labelMap, c);
    Operand<TFloat32> x = labelMap;
    int in = c.classes();
    int layer = 1;
    for (int width : c.encoderWidths()) {
      x = Layers.conv2d(net, "enc" + layer, x, Dcgan.resample(in, width));
      x = tf.nn.relu(Layers.batchNorm(net, "enc" + layer + "_bn", x, Dcgan.norm(width)));
      in = width;
      layer++;
    }
    int d = c.features();
    int side = c.featureSide();
    Operand<TFloat32> gate =
        tf.math.sigmoid(Layers.dense(net, "gate", text, Dcgan.dense(c.embeddingDim(), d)));
    x = tf.math.mul(x, tile(tf, gate, d, side));
    Operand<TFloat32> t =
        Layers.leakyRelu(
            tf,
            Layers.dense(net, "text", text, Dcgan.dense(c.embeddingDim(), c.textDim())),
            Dcgan.LEAK);
    x =
        tf.concat(
            List.of(x, tile(tf, t, c.textDim(), side), tile(tf, z, c.zDim(), side)),
            tf.constant(3));
    x = Layers.conv2d(net, "joint", x, conv3(d + c.textDim() + c.zDim(), d));
    x = tf.nn.relu(Layers.batchNorm(net, "joint_bn", x, Dcgan.norm(d)));
    for (int i = 1; i <= c.residualBlocks(); i++) {
      x = ResidualBlock.build(net, "res" + i, x, d, Norm.BATCH);
    }
    in = d;
    layer = 1;
    for (int width : c.decoderWidths()) {
      side *= 2;
      x = Layers.upsampleNearest(tf, x, 2);
      x = tf.concat(List.of(x, resize(tf, labelMap, c.imageSize(), side)), tf.constant(3));
      x = Layers.conv2d(net, "dec" + layer, x, conv3(in + c.classes(), width));
      x = tf.nn.relu(Layers.batchNorm(net, "dec" + layer + "_bn", x, Dcgan.norm(width)));
      in = width;
      layer++;
    }
    ConvSpec toImage = conv3(in, Dcgan.IMAGE_CHANNELS).withBias(Init.zeros());
    return tf.math.tanh(Layers.conv2d(net, "rgb", x, toImage));
  }

  /**
   * M at {@code side}: average pooling over {@code imageSize / side} square windows, or M itself.
   */
  public static Operand<TFloat32> resize(
      Ops tf, Operand<TFloat32> labelMap, int imageSize, int side) {
    checkArgument(
        side > 0 && imageSize % side == 0, "cannot pool %s pixels to %s", imageSize, side);
    int k = imageSize / side;
    if (k == 1) {
      return labelMap;
    }
    return tf.nn.avgPool(
        labelMap,
        List.of(1L, (long) k, (long) k, 1L),
        List.of(1L, (long) k, (long) k, 1L),
        "VALID");
  }

  /** {@code [N, channels]} repeated over a {@code side × side} grid. */
  static Operand<TFloat32> tile(Ops tf, Operand<TFloat32> v, int channels, int side) {
    return tf.tile(
        tf.reshape(v, tf.constant(new int[] {-1, 1, 1, channels})),
        tf.constant(new int[] {1, side, side, 1}));
  }

  /** A 3×3 stride-1 convolution with DCGAN's weights and no bias (batch norm follows). */
  private static ConvSpec conv3(int in, int out) {
    return ConvSpec.of(in, out, Dcgan.WEIGHTS).withKernel(3).withoutBias();
  }

  static void checkLabelMap(Operand<TFloat32> labelMap, LayoutImageConfig c) {
    Shape s = labelMap.shape();
    checkArgument(
        s.numDimensions() == 4
            && s.size(1) == c.imageSize()
            && s.size(2) == c.imageSize()
            && s.size(3) == c.classes(),
        "expected a label map [N, %s, %s, %s], got %s",
        c.imageSize(),
        c.imageSize(),
        c.classes(),
        s);
  }
}
