package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The matching-aware D(x, φ(t)) of Reed et al. (ICML 2016), which scores whether an image is real
 * and matches the text: the image trunk ({@link ImageTrunk}; for 64×64×3, 4×4 stride-2 convolutions
 * 3 → ndf → ndf·2 → ndf·4 → ndf·8, batch norm on all but the first, LeakyReLU 0.2), an optional
 * residual block at 4×4; the text branch (linear embeddingDim → textDim, batch norm, LeakyReLU)
 * replicated over the 4×4 grid and concatenated; a 1×1 convolution back to the trunk's channels
 * with batch norm and LeakyReLU; a 4×4 valid convolution to one logit. In a spectrally normalised
 * network ({@link Network#withSpectralNorm}) every kernel is normalised and biases replace the
 * batch norms. The paper's sizes are collected in {@code docs/papers.md}. Variables: {@code
 * disc_*}. Built once per input pair, sharing the variables through {@link Network#reuse}.
 */
public final class Discriminator {
  public static final String PREFIX = "disc";

  private Discriminator() {}

  /**
   * @param images {@code [N, imageSize, imageSize, imageChannels]} in [−1, 1]
   * @param text text embeddings {@code [N, embeddingDim]}
   * @return logits {@code [N]}
   */
  public static Operand<TFloat32> build(
      Network net, GanConfig c, Operand<TFloat32> images, Operand<TFloat32> text) {
    return score(net, c, features(net, c, images), text);
  }

  /**
   * The image half of D: the trunk's {@code [N, 4, 4, ndf·8]} features, which {@link #score} can
   * pair with several texts (the real images with their right and their wrong captions) without
   * running the trunk twice on the same images.
   */
  public static Operand<TFloat32> features(Network net, GanConfig c, Operand<TFloat32> images) {
    ImageTrunk trunk = c.discriminatorTrunk();
    Operand<TFloat32> x = trunk.build(net, images);
    if (!c.residual()) {
      return x;
    }
    Norm norm = net.spectralNorm() ? Norm.NONE : Norm.BATCH;
    return ResidualBlock.build(net, "res4", x, trunk.channels(), norm);
  }

  /**
   * D's logits for image {@link #features} and texts.
   *
   * @param text text embeddings {@code [N, embeddingDim]}
   * @return logits {@code [N]}
   */
  public static Operand<TFloat32> score(
      Network net, GanConfig c, Operand<TFloat32> features, Operand<TFloat32> text) {
    Ops tf = net.tf();
    int ch = c.discriminatorTrunk().channels();
    Operand<TFloat32> x = features;
    boolean normed = !net.spectralNorm();
    DenseSpec textSpec = Dcgan.dense(c.embeddingDim(), c.textDim());
    Operand<TFloat32> t =
        Layers.dense(net, "text", text, normed ? textSpec.withoutBias() : textSpec);
    if (normed) {
      t = Layers.batchNorm(net, "text_bn", t, Dcgan.norm(c.textDim()));
    }
    t = Layers.leakyRelu(tf, t, Dcgan.LEAK);
    int side = Dcgan.BASE_SIDE;
    Operand<TFloat32> grid =
        tf.tile(
            tf.reshape(t, tf.constant(new int[] {-1, 1, 1, c.textDim()})),
            tf.constant(new int[] {1, side, side, 1}));
    x = tf.concat(List.of(x, grid), tf.constant(3));
    ConvSpec joint = ConvSpec.of(ch + c.textDim(), ch, Dcgan.WEIGHTS);
    x = Layers.conv2d(net, "joint", x, normed ? joint.withoutBias() : joint);
    if (normed) {
      x = Layers.batchNorm(net, "joint_bn", x, Dcgan.norm(ch));
    }
    x = Layers.leakyRelu(tf, x, Dcgan.LEAK);
    ConvSpec logit = ConvSpec.of(ch, 1, Dcgan.WEIGHTS).withKernel(side).withPadding(Padding.VALID);
    x = Layers.conv2d(net, "logit", x, logit);
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }
}
