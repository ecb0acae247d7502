package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The image encoder θ of the joint embedding. Reed et al. used fixed GoogLeNet features, which
 * cannot be had here, so θ is a DCGAN-style CNN trained jointly: four 4×4 stride-2 convolutions
 * (width, 2×, 4×, 8× channels; batch norm after all but the first; LeakyReLU 0.2) from 64×64 to
 * 4×4, then a linear map to the embedding. With precomputed features instead ({@code featureDim >
 * 0}), θ is a linear map from them (the identity when the sizes match).
 *
 * @param imageSize input side (64)
 * @param width channels of the first convolution
 * @param embeddingDim output size (1024, the text encoder's)
 * @param featureDim size of precomputed image features, or 0 to use the CNN on pixels
 */
public record ImageEncoderConfig(int imageSize, int width, int embeddingDim, int featureDim) {
  public ImageEncoderConfig {
    checkArgument(imageSize == 64, "the image encoder takes 64x64 images, not %s", imageSize);
    checkArgument(width > 0 && embeddingDim > 0, "width and embeddingDim must be > 0");
    checkArgument(featureDim >= 0, "featureDim must be >= 0, was %s", featureDim);
  }

  /** Width 32: the default on a 2-core machine. */
  public static ImageEncoderConfig cpu() {
    return new ImageEncoderConfig(64, 32, 1024, 0);
  }

  /** Width 64, DCGAN's discriminator width. */
  public static ImageEncoderConfig wide() {
    return new ImageEncoderConfig(64, 64, 1024, 0);
  }

  public static ImageEncoderConfig tiny() {
    return new ImageEncoderConfig(64, 4, 16, 0);
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
    return new ImageEncoderConfig(imageSize, width, embeddingDim, featureDim);
  }

  public ImageEncoderConfig withEmbeddingDim(int embeddingDim) {
    return new ImageEncoderConfig(imageSize, width, embeddingDim, featureDim);
  }
}
