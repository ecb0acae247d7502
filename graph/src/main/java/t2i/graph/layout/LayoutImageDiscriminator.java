package t2i.graph.layout;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.graph.ConvSpec;
import t2i.graph.Dcgan;
import t2i.graph.ImageTrunk;
import t2i.graph.Layers;
import t2i.graph.Network;
import t2i.graph.Padding;

/**
 * D_img(X, M, s) of Hong et al. ({@code LAYOUT_SPEC.md} §4), the matching-aware discriminator of
 * Reed et al. ({@link t2i.graph.Discriminator}) over the image and the label map together: the
 * image and M concatenated ({@code 3 + L} channels) go through DCGAN's trunk ({@link ImageTrunk}:
 * 4×4 stride-2 convolutions from ndf channels, doubling, to a 4×4 grid, batch norm on all but the
 * first, LeakyReLU 0.2); near the end the text (linear, batch norm, LeakyReLU) is tiled over the
 * 4×4 grid and concatenated; a 1×1 convolution back to the trunk's channels with batch norm and
 * LeakyReLU; a 4×4 valid convolution to one logit. Real pairs are (X, M, s); fake ones are (X, M,
 * ŝ) with a wrong text and (G(M, s, z), M, s). Variables: {@code limgd_*}; built once per pair,
 * sharing the variables through {@link Network#reuse}.
 */
public final class LayoutImageDiscriminator {
  public static final String PREFIX = "limgd";

  private LayoutImageDiscriminator() {}

  /**
   * @param images {@code [N, imageSize, imageSize, 3]} in [−1, 1]
   * @param labelMap M {@code [N, imageSize, imageSize, classes]}
   * @param text sentence embeddings {@code [N, embeddingDim]}
   * @return logits {@code [N]}
   */
  public static Operand<TFloat32> build(
      Network net,
      LayoutImageConfig c,
      Operand<TFloat32> images,
      Operand<TFloat32> labelMap,
      Operand<TFloat32> text) {
    return score(net, c, features(net, c, images, labelMap), text);
  }

  /**
   * The trunk's {@code [N, 4, 4, channels]} features of an (image, label map) pair, which {@link
   * #score} pairs with several texts (the real pair with its right and its wrong text) without
   * running the trunk twice.
   */
  public static Operand<TFloat32> features(
      Network net, LayoutImageConfig c, Operand<TFloat32> images, Operand<TFloat32> labelMap) {
    LayoutImageGenerator.checkLabelMap(labelMap, c);
    Operand<TFloat32> x = net.tf().concat(List.of(images, labelMap), net.tf().constant(3));
    return c.discriminatorTrunk().build(net, x);
  }

  /**
   * D's logits for trunk {@link #features} and texts.
   *
   * @param text sentence embeddings {@code [N, embeddingDim]}
   * @return logits {@code [N]}
   */
  public static Operand<TFloat32> score(
      Network net, LayoutImageConfig c, Operand<TFloat32> features, Operand<TFloat32> text) {
    Ops tf = net.tf();
    int ch = c.discriminatorTrunk().channels();
    int textDim = c.discriminatorTextDim();
    Operand<TFloat32> t =
        Layers.dense(net, "text", text, Dcgan.dense(c.embeddingDim(), textDim).withoutBias());
    t = Layers.leakyRelu(tf, Layers.batchNorm(net, "text_bn", t, Dcgan.norm(textDim)), Dcgan.LEAK);
    int side = Dcgan.BASE_SIDE;
    Operand<TFloat32> x =
        tf.concat(
            List.of(features, LayoutImageGenerator.tile(tf, t, textDim, side)), tf.constant(3));
    x = Layers.conv2d(net, "joint", x, ConvSpec.of(ch + textDim, ch, Dcgan.WEIGHTS).withoutBias());
    x = Layers.leakyRelu(tf, Layers.batchNorm(net, "joint_bn", x, Dcgan.norm(ch)), Dcgan.LEAK);
    ConvSpec logit = ConvSpec.of(ch, 1, Dcgan.WEIGHTS).withKernel(side).withPadding(Padding.VALID);
    x = Layers.conv2d(net, "logit", x, logit);
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }
}
