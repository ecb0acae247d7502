package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.data.io.AbsentMeans;

/**
 * The text-conditional DCGAN of Reed et al. (ICML 2016): a generator of transposed convolutions
 * from a 4×4 grid to the image and a matching-aware discriminator of convolutions back to 4×4.
 *
 * @param ngf generator width: ngf channels at half the image side, doubling towards the 4×4 grid
 *     (64×64: ngf·8 at 4×4 down to ngf at 32×32)
 * @param ndf discriminator width: ndf at half the image side, doubling towards the 4×4 grid (64×64:
 *     ndf at 32×32 up to ndf·8 at 4×4)
 * @param zDim noise size (100)
 * @param textDim the text embedding projected to this size (128), in G and in D
 * @param embeddingDim the text embedding's size (1024)
 * @param residual the reference code's residual bottleneck blocks (1×1 → 3×3 → 3×3) at 4×4 and 8×8
 *     in G and at 4×4 in D
 * @param imageSize image side, a power of two ≥ 8 (64)
 * @param imageChannels image channels (3)
 */
public record GanConfig(
    int ngf,
    int ndf,
    int zDim,
    int textDim,
    int embeddingDim,
    boolean residual,
    @AbsentMeans("64") int imageSize,
    @AbsentMeans("3") int imageChannels) {
  public GanConfig {
    checkArgument(ngf > 0 && ndf > 0, "ngf and ndf must be > 0, were %s and %s", ngf, ndf);
    checkArgument(
        zDim > 0 && textDim > 0 && embeddingDim > 0,
        "sizes must be > 0, were zDim %s, textDim %s, embeddingDim %s",
        zDim,
        textDim,
        embeddingDim);
    Dcgan.checkImageSize(imageSize);
    checkArgument(imageChannels > 0, "imageChannels must be > 0, was %s", imageChannels);
  }

  /** The paper's reference: ngf 128, ndf 64, residual blocks, 64×64 RGB. */
  public static GanConfig reed() {
    return new GanConfig(128, 64, 100, 128, 1024, true, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS);
  }

  /** The default on a 2-core machine: ngf 64, ndf 64, no residual blocks, 64×64 RGB. */
  public static GanConfig cpu() {
    return new GanConfig(64, 64, 100, 128, 1024, false, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS);
  }

  /** For tests. */
  public static GanConfig tiny() {
    return new GanConfig(4, 4, 8, 8, 16, true, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS);
  }

  public static GanConfig preset(String name) {
    return switch (name) {
      case "reed" -> reed();
      case "cpu" -> cpu();
      case "tiny" -> tiny();
      default ->
          throw new IllegalArgumentException("unknown GAN preset '" + name + "' (reed, cpu, tiny)");
    };
  }

  public GanConfig withEmbeddingDim(int embeddingDim) {
    return new GanConfig(ngf, ndf, zDim, textDim, embeddingDim, residual, imageSize, imageChannels);
  }

  /** The discriminator's convolutions. */
  public ImageTrunk discriminatorTrunk() {
    return new ImageTrunk(ndf, imageSize, imageChannels);
  }

  /** Images of another side or number of channels (a label map has one per class). */
  public GanConfig withImage(int imageSize, int imageChannels) {
    return new GanConfig(ngf, ndf, zDim, textDim, embeddingDim, residual, imageSize, imageChannels);
  }
}
