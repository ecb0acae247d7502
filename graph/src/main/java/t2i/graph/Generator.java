package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * G(z, φ(t)) of Reed et al. (ICML 2016): φ(t) → linear → textDim, LeakyReLU 0.2; concatenated with
 * z; linear to a 4×4 grid; then transposed 4×4 stride-2 convolutions that double the side and halve
 * the channels down to ngf at half the image side, batch norm and ReLU between, and a last one to
 * the image's channels with tanh. For 64×64×3: ngf·8 at 4×4, ngf·4 (8×8), ngf·2 (16×16), ngf
 * (32×32), 3 (64×64). Optional residual blocks at 4×4 and 8×8. DCGAN's initialisation ({@link
 * Dcgan}). Variables: {@code gen_*}.
 */
public final class Generator {
  public static final String PREFIX = "gen";

  private Generator() {}

  /**
   * @param z noise {@code [N, zDim]}
   * @param text text embeddings {@code [N, embeddingDim]}
   * @return images {@code [N, imageSize, imageSize, imageChannels]} in (−1, 1)
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
    int doublings = Dcgan.doublings(c.imageSize());
    int side = Dcgan.BASE_SIDE;
    int ch = c.ngf() << (doublings - 1);
    x =
        Layers.dense(
            net, "fc", x, Dcgan.dense(c.zDim() + c.textDim(), side * side * ch).withoutBias());
    x = tf.reshape(x, tf.constant(new int[] {-1, side, side, ch}));
    x = tf.nn.relu(Layers.batchNorm(net, "bn0", x, Dcgan.norm(ch)));
    if (c.residual()) {
      x = ResidualBlock.build(net, "res4", x, ch);
    }
    for (int i = 1; i < doublings; i++) {
      side *= 2;
      x = Layers.deconv2d(net, "deconv" + i, x, Dcgan.resample(ch, ch / 2));
      ch /= 2;
      x = tf.nn.relu(Layers.batchNorm(net, "bn" + i, x, Dcgan.norm(ch)));
      if (c.residual() && side == 8) {
        x = ResidualBlock.build(net, "res8", x, ch);
      }
    }
    ConvSpec toImage = Dcgan.resample(ch, c.imageChannels()).withBias(Init.zeros());
    return tf.math.tanh(Layers.deconv2d(net, "deconv" + doublings, x, toImage));
  }
}
