package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * G(z, φ(t)) (SPEC §2): φ(t) → linear → textDim, LeakyReLU 0.2; concatenated with z; linear to
 * ngf·8 × 4 × 4; then transposed 4×4 stride-2 convolutions to ngf·4 (8×8), ngf·2 (16×16), ngf
 * (32×32) and 3 (64×64), batch norm and ReLU between, tanh at the end; optional residual blocks at
 * 4×4 and 8×8. Weights N(0, 0.02), batch-norm γ N(1, 0.02). Variables: {@code gen_*}.
 */
public final class Generator {
  public static final String PREFIX = "gen";
  static final Init WEIGHTS = Init.normal(0f, 0.02f);
  static final Init GAMMA = Init.normal(1f, 0.02f);

  private Generator() {}

  /**
   * @param z noise {@code [N, zDim]}
   * @param text text embeddings {@code [N, embeddingDim]}
   * @return images {@code [N, 64, 64, 3]} in (−1, 1)
   */
  public static Operand<TFloat32> build(
      Network net, GanConfig c, Operand<TFloat32> z, Operand<TFloat32> text) {
    Ops tf = net.tf();
    Operand<TFloat32> t =
        Layers.leakyRelu(
            tf,
            Layers.dense(net, "text", text, DenseSpec.of(c.embeddingDim(), c.textDim(), WEIGHTS)),
            0.2f);
    Operand<TFloat32> x = tf.concat(List.of(z, t), tf.constant(1));
    int ch = c.ngf() * 8;
    x =
        Layers.dense(
            net, "fc", x, DenseSpec.of(c.zDim() + c.textDim(), 4 * 4 * ch, WEIGHTS).withoutBias());
    x = tf.reshape(x, tf.constant(new int[] {-1, 4, 4, ch}));
    x = tf.nn.relu(Layers.batchNorm(net, "bn0", x, NormSpec.of(ch).withGamma(GAMMA)));
    if (c.residual()) {
      x = residual(net, "res4", x, ch, ch / 4);
    }
    int side = 4;
    int[] widths = {c.ngf() * 4, c.ngf() * 2, c.ngf()};
    for (int i = 0; i < widths.length; i++) {
      side *= 2;
      x =
          Layers.deconv2d(
              net,
              "deconv" + (i + 1),
              x,
              ConvSpec.of(ch, widths[i], WEIGHTS).withKernel(4).withStride(2).withoutBias());
      x =
          tf.nn.relu(
              Layers.batchNorm(net, "bn" + (i + 1), x, NormSpec.of(widths[i]).withGamma(GAMMA)));
      ch = widths[i];
      if (c.residual() && side == 8) {
        x = residual(net, "res8", x, ch, ch / 4);
      }
    }
    x = Layers.deconv2d(net, "deconv4", x, ConvSpec.of(ch, 3, WEIGHTS).withKernel(4).withStride(2));
    return tf.math.tanh(x);
  }

  /** The reference code's bottleneck: 1×1 → 3×3 → 3×3 with batch norm, added to the input. */
  static Operand<TFloat32> residual(
      Network net, String name, Operand<TFloat32> x, int channels, int bottleneck) {
    Ops tf = net.tf();
    Operand<TFloat32> y =
        Layers.conv2d(
            net, name + "_a", x, ConvSpec.of(channels, bottleneck, WEIGHTS).withoutBias());
    y =
        tf.nn.relu(
            Layers.batchNorm(net, name + "_bna", y, NormSpec.of(bottleneck).withGamma(GAMMA)));
    ConvSpec spec = ConvSpec.of(bottleneck, bottleneck, WEIGHTS).withKernel(3).withoutBias();
    y = Layers.conv2d(net, name + "_b", y, spec);
    y =
        tf.nn.relu(
            Layers.batchNorm(net, name + "_bnb", y, NormSpec.of(bottleneck).withGamma(GAMMA)));
    y =
        Layers.conv2d(
            net,
            name + "_c",
            y,
            ConvSpec.of(bottleneck, channels, WEIGHTS).withKernel(3).withoutBias());
    y = Layers.batchNorm(net, name + "_bnc", y, NormSpec.of(channels).withGamma(GAMMA));
    return tf.nn.relu(tf.math.add(x, y));
  }
}
