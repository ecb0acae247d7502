package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * DCGAN's discriminator trunk, shared by the discriminator, the style encoder and the image
 * encoder: 4×4 stride-2 convolutions from the image down to a 4×4 grid, the channels starting at
 * {@code width} and doubling at every step (64×64: width, 2·width, 4·width, 8·width); a bias on the
 * first, batch norm on the others (it would subtract a bias), and LeakyReLU 0.2 after each.
 * Variables: {@code conv1_w}, {@code conv1_b}, then {@code conv<i>_w} and {@code bn<i>_*}. In a
 * spectrally normalised network ({@link Network#withSpectralNorm}) every convolution has a bias and
 * none is followed by batch norm, as in Miyato et al.'s discriminators.
 *
 * @param width channels of the first convolution
 * @param imageSize input side, a power of two ≥ 8
 * @param imageChannels input channels
 */
public record ImageTrunk(int width, int imageSize, int imageChannels) {
  public ImageTrunk {
    checkArgument(width > 0, "width must be > 0, was %s", width);
    Dcgan.checkImageSize(imageSize);
    checkArgument(imageChannels > 0, "imageChannels must be > 0, was %s", imageChannels);
  }

  /**
   * @param images {@code [N, imageSize, imageSize, imageChannels]} in [−1, 1]
   * @return {@code [N, 4, 4, channels()]}
   */
  public Operand<TFloat32> build(Network net, Operand<TFloat32> images) {
    Dcgan.checkImages(images, imageSize, imageChannels);
    Operand<TFloat32> x = images;
    int in = imageChannels;
    int out = width;
    for (int i = 1; i <= Dcgan.doublings(imageSize); i++) {
      ConvSpec spec = Dcgan.resample(in, out);
      if (i == 1 || net.spectralNorm()) {
        x = Layers.conv2d(net, "conv" + i, x, spec.withBias(Init.zeros()));
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

  /** Channels of the trunk's output: {@code width · 2^(doublings − 1)}, 8·width for 64×64. */
  public int channels() {
    return width << (Dcgan.doublings(imageSize) - 1);
  }

  /** Size of the trunk's output, flattened: 4 · 4 · {@link #channels()}. */
  public int features() {
    return Dcgan.BASE_SIDE * Dcgan.BASE_SIDE * channels();
  }

  /** The trunk, flattened to {@code [N, features()]}. */
  public Operand<TFloat32> buildFlat(Network net, Operand<TFloat32> images) {
    return net.tf().reshape(build(net, images), net.tf().constant(new int[] {-1, features()}));
  }
}
