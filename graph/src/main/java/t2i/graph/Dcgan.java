package t2i.graph;

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

  /** Batch norm with γ from N(1, 0.02). */
  public static NormSpec norm(int channels) {
    return NormSpec.of(channels).withGamma(GAMMA);
  }
}
