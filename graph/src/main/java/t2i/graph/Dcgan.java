package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import t2i.data.image.Images;

/**
 * The conventions of DCGAN (Radford et al., ICLR 2016) that the image networks share: weights N(0,
 * 0.02), batch-norm γ N(1, 0.02), LeakyReLU with slope 0.2 in discriminators, and 4×4 convolutions
 * with stride 2 between resolutions (transposed in generators).
 */
public final class Dcgan {
  /** Convolution and dense weights start N(0, 0.02). */
  public static final Init WEIGHTS = Init.normal(0f, 0.02f);

  /** Batch norm's γ starts N(1, 0.02). */
  public static final Init GAMMA = Init.normal(1f, 0.02f);

  /** LeakyReLU's slope for negative inputs. */
  public static final float LEAK = 0.2f;

  /** Side of the kernels that halve or double the resolution. */
  public static final int KERNEL = 4;

  /** Stride of those kernels. */
  public static final int STRIDE = 2;

  /** Side of the grid at the narrow end: the generator's first, the discriminator's last. */
  public static final int BASE_SIDE = 4;

  /** The presets' image side. */
  public static final int IMAGE_SIZE = 64;

  /** The presets' image channels: RGB. */
  public static final int IMAGE_CHANNELS = Images.CHANNELS;

  private Dcgan() {}

  /**
   * A 4×4 stride-2 {@code SAME} convolution with DCGAN's weights and no bias (batch norm follows):
   * halves the side as a convolution, doubles it as a transposed one.
   */
  public static ConvSpec resample(int in, int out) {
    return ConvSpec.of(in, out, WEIGHTS).withKernel(KERNEL).withStride(STRIDE).withoutBias();
  }

  /** A dense layer with DCGAN's weights and a bias from zeros. */
  public static DenseSpec dense(int in, int out) {
    return DenseSpec.of(in, out, WEIGHTS);
  }

  /**
   * Checks an image side for the networks: a power of two of at least 8, so that stride-2 steps
   * lead from the 4×4 grid to it.
   */
  public static void checkImageSize(int imageSize) {
    checkArgument(
        imageSize >= 2 * BASE_SIDE && Integer.bitCount(imageSize) == 1,
        "imageSize must be a power of two >= %s, was %s",
        2 * BASE_SIDE,
        imageSize);
  }

  /** Stride-2 steps between the 4×4 grid and an image of this side: 4 for 64×64. */
  public static int doublings(int imageSize) {
    checkImageSize(imageSize);
    return Integer.numberOfTrailingZeros(imageSize / BASE_SIDE);
  }

  /**
   * Checks the dimensions of {@code images} that are known when the graph is built against the
   * expected geometry: a mismatch would otherwise surface as a shape error deep inside a network,
   * or not at all after a reshape.
   */
  static void checkImages(Operand<TFloat32> images, int imageSize, int imageChannels) {
    Shape shape = images.shape();
    boolean matches = shape.isUnknown() || shape.numDimensions() == 4;
    long[] expected = {imageSize, imageSize, imageChannels};
    for (int i = 0; matches && !shape.isUnknown() && i < 3; i++) {
      long actual = shape.size(i + 1);
      matches = actual < 0 || actual == expected[i];
    }
    checkArgument(
        matches,
        "expected images [N, %s, %s, %s], got %s",
        imageSize,
        imageSize,
        imageChannels,
        shape);
  }

  /** Batch norm with γ from N(1, 0.02). */
  public static NormSpec norm(int channels) {
    return NormSpec.of(channels).withGamma(GAMMA);
  }
}
