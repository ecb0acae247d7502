package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.data.io.AbsentMeans;

/**
 * The style encoder S.
 *
 * @param width channels of its first convolution (doubling at every step, as D's trunk)
 * @param zDim its output: the generator's noise dimension
 * @param imageSize its input side: the generator's (64)
 * @param imageChannels its input channels: the generator's (3)
 */
public record StyleEncoderConfig(
    int width, int zDim, @AbsentMeans("64") int imageSize, @AbsentMeans("3") int imageChannels) {
  public StyleEncoderConfig {
    checkArgument(width > 0, "width must be > 0, was %s", width);
    checkArgument(zDim > 0, "zDim must be > 0, was %s", zDim);
    Dcgan.checkImageSize(imageSize);
    checkArgument(imageChannels > 0, "imageChannels must be > 0, was %s", imageChannels);
  }

  /**
   * {@code cpu} (width 64, D's trunk) or {@code tiny} (width 4), for a generator's z and 64×64 RGB
   * images.
   */
  public static StyleEncoderConfig preset(String name, int zDim) {
    int width =
        switch (name) {
          case "cpu" -> 64;
          case "tiny" -> 4;
          default ->
              throw new IllegalArgumentException("unknown style preset '" + name + "' (cpu, tiny)");
        };
    return new StyleEncoderConfig(width, zDim, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS);
  }

  /** For a generator with other images than 64×64 RGB. */
  public StyleEncoderConfig withImage(int imageSize, int imageChannels) {
    return new StyleEncoderConfig(width, zDim, imageSize, imageChannels);
  }

  /** The convolutions S starts with. */
  public ImageTrunk trunk() {
    return new ImageTrunk(width, imageSize, imageChannels);
  }
}
