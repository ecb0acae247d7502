package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * G(z, φ(t)) of Reed et al. (ICML 2016): φ(t) → linear → textDim, LeakyReLU 0.2; concatenated with
 * z; linear to ngf·8 × 4 × 4; then transposed 4×4 stride-2 convolutions to ngf·4 (8×8), ngf·2
 * (16×16), ngf (32×32) and 3 (64×64), batch norm and ReLU between, tanh at the end; optional
 * residual blocks at 4×4 and 8×8. DCGAN's initialisation ({@link Dcgan}). Variables: {@code gen_*}.
 */
public final class Generator {
  public static final String PREFIX = "gen";

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
            Layers.dense(net, "text", text, Dcgan.dense(c.embeddingDim(), c.textDim())),
            Dcgan.LEAK);
    Operand<TFloat32> x = tf.concat(List.of(z, t), tf.constant(1));
    int ch = c.ngf() * 8;
    x = Layers.dense(net, "fc", x, Dcgan.dense(c.zDim() + c.textDim(), 4 * 4 * ch).withoutBias());
    x = tf.reshape(x, tf.constant(new int[] {-1, 4, 4, ch}));
    x = tf.nn.relu(Layers.batchNorm(net, "bn0", x, Dcgan.norm(ch)));
    if (c.residual()) {
      x = ResidualBlock.build(net, "res4", x, ch);
    }
    int side = 4;
    int[] widths = {c.ngf() * 4, c.ngf() * 2, c.ngf()};
    for (int i = 0; i < widths.length; i++) {
      side *= 2;
      x = Layers.deconv2d(net, "deconv" + (i + 1), x, Dcgan.resample(ch, widths[i]));
      x = tf.nn.relu(Layers.batchNorm(net, "bn" + (i + 1), x, Dcgan.norm(widths[i])));
      ch = widths[i];
      if (c.residual() && side == 8) {
        x = ResidualBlock.build(net, "res8", x, ch);
      }
    }
    x = Layers.deconv2d(net, "deconv4", x, Dcgan.resample(ch, 3).withBias(Init.zeros()));
    return tf.math.tanh(x);
  }
}
