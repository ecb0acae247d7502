package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * DCGAN's discriminator trunk, shared by the discriminator, the style encoder and the image
 * encoder: 4×4 stride-2 convolutions from 64×64×3 down to 4×4, with width, 2·width, 4·width and
 * 8·width channels; a bias on the first, batch norm on the others (it would subtract a bias), and
 * LeakyReLU 0.2 after each. Variables: {@code conv1_w}, {@code conv1_b}, then {@code conv<i>_w} and
 * {@code bn<i>_*} for i = 2, 3, 4.
 */
public final class ImageTrunk {
  /** Side of the grid the trunk ends at. */
  public static final int END_SIDE = 4;

  private ImageTrunk() {}

  /**
   * @param images {@code [N, 64, 64, 3]} in [−1, 1]
   * @return {@code [N, 4, 4, channels(width)]}
   */
  public static Operand<TFloat32> build(Network net, int width, Operand<TFloat32> images) {
    Operand<TFloat32> x = images;
    int in = 3;
    int out = width;
    for (int i = 1; i <= 4; i++) {
      ConvSpec spec = Dcgan.resample(in, out);
      if (i == 1) {
        x = Layers.conv2d(net, "conv1", x, spec.withBias(Init.zeros()));
      } else {
        x = Layers.conv2d(net, "conv" + i, x, spec);
        x = Layers.batchNorm(net, "bn" + i, x, Dcgan.norm(out));
      }
      x = Layers.leakyRelu(net.tf(), x, Dcgan.LEAK);
      in = out;
      out *= 2;
    }
    return x;
  }

  /** Channels of the trunk's output. */
  public static int channels(int width) {
    return width * 8;
  }

  /** Size of the trunk's output, flattened. */
  public static int features(int width) {
    return END_SIDE * END_SIDE * channels(width);
  }

  /** The trunk's output as {@code [N, features(width)]}. */
  static Operand<TFloat32> flatten(Network net, int width, Operand<TFloat32> trunk) {
    return net.tf().reshape(trunk, net.tf().constant(new int[] {-1, features(width)}));
  }
}
