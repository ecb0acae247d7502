package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * S(x), the style encoder with which Reed et al. (ICML 2016) invert the generator for style
 * transfer: the discriminator's image trunk ({@link ImageTrunk}: 4×4 stride-2 convolutions down to
 * 4×4, batch norm, LeakyReLU 0.2), flattened, then linear to z's dimension. Trained to invert G:
 * {@code ‖z − S(G(z, φ(t)))‖²}. Variables: {@code style_*}.
 */
public final class StyleEncoder {
  public static final String PREFIX = "style";

  private StyleEncoder() {}

  /**
   * @param images {@code [N, imageSize, imageSize, imageChannels]} in [−1, 1]
   * @return {@code [N, zDim]}
   */
  public static Operand<TFloat32> build(
      Network net, StyleEncoderConfig c, Operand<TFloat32> images) {
    ImageTrunk trunk = c.trunk();
    Operand<TFloat32> x = trunk.buildFlat(net, images);
    return Layers.dense(net, "z", x, Dcgan.dense(trunk.features(), c.zDim()));
  }
}
