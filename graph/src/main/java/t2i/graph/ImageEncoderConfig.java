package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.data.io.AbsentMeans;

/**
 * The image encoder θ of the joint embedding. Reed et al. used fixed GoogLeNet features, which
 * cannot be had here, so θ is a DCGAN-style CNN trained jointly: the discriminator's trunk ({@link
 * ImageTrunk}: 4×4 stride-2 convolutions, 64×64 to 4×4 with width, 2×, 4×, 8× channels; batch norm
 * after all but the first; LeakyReLU 0.2), then a linear map to the embedding, L2-normalised and
 * scaled to {@code outputNorm}. Reed's fixed features were bounded; with both encoders trained, an
 * unbounded θ let the dot-product scores and the loss run away within a few hundred steps (README,
 * "The text encoder"). With precomputed features instead ({@code featureDim > 0}), θ is a linear
 * map from them (the identity when the sizes match), unnormalised as in Reed's setup.
 *
 * @param imageSize input side, a power of two ≥ 8 (64)
 * @param imageChannels input channels (3)
 * @param width channels of the first convolution
 * @param embeddingDim output size (1024, the text encoder's)
 * @param featureDim size of precomputed image features, or 0 to use the CNN on pixels
 * @param outputNorm the CNN's embeddings are scaled to this L2 norm (0: left unnormalised)
 * @param colourGrid 0, or the side of a grid of mean colours (the image average-pooled to
 *     colourGrid × colourGrid × channels) that the projection takes beside the CNN's features: a
 *     description of the image that does not depend on the training classes
 */
public record ImageEncoderConfig(
    int imageSize,
    @AbsentMeans("3") int imageChannels,
    int width,
    int embeddingDim,
    int featureDim,
    float outputNorm,
    @AbsentMeans("0") int colourGrid) {
  public static final float DEFAULT_NORM = 10f;

  public ImageEncoderConfig {
    Dcgan.checkImageSize(imageSize);
    checkArgument(imageChannels > 0, "imageChannels must be > 0, was %s", imageChannels);
    checkArgument(
        width > 0 && embeddingDim > 0,
        "width and embeddingDim must be > 0, were %s and %s",
        width,
        embeddingDim);
    checkArgument(featureDim >= 0, "featureDim must be >= 0, was %s", featureDim);
    checkArgument(outputNorm >= 0, "outputNorm must be >= 0, was %s", outputNorm);
    checkArgument(
        colourGrid >= 0 && (colourGrid == 0 || imageSize % colourGrid == 0),
        "colourGrid must be 0 or divide the image size %s, was %s",
        imageSize,
        colourGrid);
  }

  /** Width 32: the default on a 2-core machine. */
  public static ImageEncoderConfig cpu() {
    return new ImageEncoderConfig(
        Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS, 32, 1024, 0, DEFAULT_NORM, 0);
  }

  /** Width 64, DCGAN's discriminator width. */
  public static ImageEncoderConfig wide() {
    return new ImageEncoderConfig(
        Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS, 64, 1024, 0, DEFAULT_NORM, 0);
  }

  public static ImageEncoderConfig tiny() {
    return new ImageEncoderConfig(
        Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS, 4, 16, 0, DEFAULT_NORM, 0);
  }

  public static ImageEncoderConfig preset(String name) {
    return switch (name) {
      case "cpu" -> cpu();
      case "wide" -> wide();
      case "tiny" -> tiny();
      default ->
          throw new IllegalArgumentException(
              "unknown image encoder preset '" + name + "' (cpu, wide, tiny)");
    };
  }

  public ImageEncoderConfig withFeatures(int featureDim) {
    return new ImageEncoderConfig(
        imageSize, imageChannels, width, embeddingDim, featureDim, outputNorm, colourGrid);
  }

  public ImageEncoderConfig withEmbeddingDim(int embeddingDim) {
    return new ImageEncoderConfig(
        imageSize, imageChannels, width, embeddingDim, featureDim, outputNorm, colourGrid);
  }

  public ImageEncoderConfig withImage(int imageSize, int imageChannels) {
    return new ImageEncoderConfig(
        imageSize, imageChannels, width, embeddingDim, featureDim, outputNorm, colourGrid);
  }

  /** The same encoder with a colour grid of this side beside the CNN (0: none). */
  public ImageEncoderConfig withColourGrid(int colourGrid) {
    return new ImageEncoderConfig(
        imageSize, imageChannels, width, embeddingDim, featureDim, outputNorm, colourGrid);
  }

  /** Values the colour grid adds to the projection's input. */
  public int colourFeatures() {
    return colourGrid * colourGrid * imageChannels;
  }

  /** The convolutions on pixels (unused with precomputed features). */
  public ImageTrunk trunk() {
    return new ImageTrunk(width, imageSize, imageChannels);
  }
}
