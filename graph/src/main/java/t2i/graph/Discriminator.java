package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The matching-aware D(x, φ(t)) (SPEC §2): 4×4 stride-2 convolutions 3 → ndf → ndf·2 → ndf·4 →
 * ndf·8 (batch norm on all but the first, LeakyReLU 0.2), an optional residual block at 4×4; the
 * text branch (linear 1024 → textDim, batch norm, LeakyReLU) replicated over the 4×4 grid and
 * concatenated; a 1×1 convolution to ndf·8 with batch norm and LeakyReLU; a 4×4 valid convolution
 * to one logit. Variables: {@code disc_*}. Built once per input pair, sharing the variables through
 * {@link Network#reuse}.
 */
public final class Discriminator {
  public static final String PREFIX = "disc";
  private static final float LEAK = 0.2f;

  private Discriminator() {}

  /**
   * @param images {@code [N, 64, 64, 3]} in [−1, 1]
   * @param text text embeddings {@code [N, embeddingDim]}
   * @return logits {@code [N]}
   */
  public static Operand<TFloat32> build(
      Network net, GanConfig c, Operand<TFloat32> images, Operand<TFloat32> text) {
    Ops tf = net.tf();
    Init w = Generator.WEIGHTS;
    Operand<TFloat32> x = imageTrunk(net, c.ndf(), images);
    int ch = c.ndf() * 8;
    if (c.residual()) {
      x = Generator.residual(net, "res4", x, ch, ch / 4);
    }
    Operand<TFloat32> t =
        Layers.dense(
            net, "text", text, DenseSpec.of(c.embeddingDim(), c.textDim(), w).withoutBias());
    t =
        Layers.leakyRelu(
            tf,
            Layers.batchNorm(
                net, "text_bn", t, NormSpec.of(c.textDim()).withGamma(Generator.GAMMA)),
            LEAK);
    Operand<TFloat32> grid =
        tf.tile(
            tf.reshape(t, tf.constant(new int[] {-1, 1, 1, c.textDim()})),
            tf.constant(new int[] {1, 4, 4, 1}));
    x = tf.concat(java.util.List.of(x, grid), tf.constant(3));
    x = Layers.conv2d(net, "joint", x, ConvSpec.of(ch + c.textDim(), ch, w).withoutBias());
    x =
        Layers.leakyRelu(
            tf,
            Layers.batchNorm(net, "joint_bn", x, NormSpec.of(ch).withGamma(Generator.GAMMA)),
            LEAK);
    x =
        Layers.conv2d(
            net, "logit", x, ConvSpec.of(ch, 1, w).withKernel(4).withPadding(Padding.VALID));
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }

  /**
   * The image trunk, shared with the style encoder: 4×4 stride-2 convolutions 3 → width → ·2 → ·4 →
   * ·8, batch norm on all but the first, LeakyReLU 0.2.
   *
   * @return {@code [N, 4, 4, width·8]}
   */
  static Operand<TFloat32> imageTrunk(Network net, int width, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    int in = 3;
    int out = width;
    for (int i = 1; i <= 4; i++) {
      ConvSpec spec = ConvSpec.of(in, out, Generator.WEIGHTS).withKernel(4).withStride(2);
      x = Layers.conv2d(net, "conv" + i, x, i == 1 ? spec : spec.withoutBias());
      if (i > 1) {
        x = Layers.batchNorm(net, "bn" + i, x, NormSpec.of(out).withGamma(Generator.GAMMA));
      }
      x = Layers.leakyRelu(net.tf(), x, LEAK);
      in = out;
      out *= 2;
    }
    return x;
  }
}
