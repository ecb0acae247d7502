package t2i.training;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.awt.image.BufferedImage;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import t2i.data.batch.DecodedSplit;
import t2i.data.image.Images;
import t2i.error.UserException;
import t2i.graph.GanConfig;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.StyleEncoderConfig;

/**
 * The images a network takes or makes, as its config states them: {@code side × side} pixels of
 * {@code channels} values, passed around as row-major (NHWC) floats in [−1, 1].
 */
public record ImageGeometry(int side, int channels) {
  public ImageGeometry {
    checkArgument(
        side > 0 && channels > 0, "side and channels must be > 0, were %s and %s", side, channels);
  }

  /** The images of G and D. */
  public static ImageGeometry of(GanConfig gan) {
    return new ImageGeometry(gan.imageSize(), gan.imageChannels());
  }

  /** The images of the joint embedding's image encoder. */
  public static ImageGeometry of(ImageEncoderConfig image) {
    return new ImageGeometry(image.imageSize(), image.imageChannels());
  }

  /** The images of the style encoder. */
  public static ImageGeometry of(StyleEncoderConfig style) {
    return new ImageGeometry(style.imageSize(), style.imageChannels());
  }

  /** Values per image: side · side · channels. */
  public int values() {
    return side * side * channels;
  }

  /** {@code [n, side, side, channels]}; {@code n = −1} for a batch of any size. */
  public Shape batch(long n) {
    return Shape.of(n, side, side, channels);
  }

  /** Images {@code [start, start + count)} of row-major {@code pixels} as a tensor. */
  public TFloat32 rows(float[] pixels, int start, int count) {
    return BatchTensors.rows(pixels, start, count, side, side, channels);
  }

  /** Checks that {@code pixels} hold {@code n} images of this geometry. */
  public void checkPixels(float[] pixels, int n) {
    checkArgument(
        pixels.length == (long) n * values(),
        "expected %s images of %s, got %s values",
        n,
        this,
        pixels.length);
  }

  /**
   * Checks that a split's images can feed a network of this geometry (named in the message):
   * datasets hold RGB, and crops of this side must fit in their images.
   */
  public void checkFeeds(DecodedSplit data, String network) {
    if (channels != Images.CHANNELS) {
      throw new UserException(
          String.format(
              "%s takes images of %d channels; the dataset's are RGB (%d)",
              network, channels, Images.CHANNELS));
    }
    if (data.width() < side || data.height() < side) {
      throw new UserException(
          String.format(
              "the dataset's images are %dx%d, smaller than the %dx%d images %s takes:"
                  + " give it a dataset of images at least that large",
              data.width(), data.height(), side, side, network));
    }
  }

  /** Checks that the images can be shown as RGB pictures. */
  public void checkRgb() {
    checkState(
        channels == Images.CHANNELS,
        "RGB pictures need images of %s channels; these have %s",
        Images.CHANNELS,
        channels);
  }

  /** Image {@code i} of row-major {@code pixels} as an 8-bit RGB picture (RGB images only). */
  public BufferedImage picture(float[] pixels, int i) {
    checkRgb();
    BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    int o = i * values();
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        image.setRGB(
            x,
            y,
            (channel(pixels[o]) << 16) | (channel(pixels[o + 1]) << 8) | channel(pixels[o + 2]));
        o += channels;
      }
    }
    return image;
  }

  private static int channel(float v) {
    return Math.max(0, Math.min(255, Math.round((v + 1f) * 127.5f)));
  }

  /** {@code <side>x<side>x<channels>}. */
  @Override
  public String toString() {
    return side + "x" + side + "x" + channels;
  }
}
