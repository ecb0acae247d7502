package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;

/**
 * One image the text-to-image model made: the text and seed it came from, its RGB pixels (height ×
 * width × {@link Text2ImageContract#CHANNELS}, row-major, in [0, 1]) and the PNG the model encoded.
 * Accessors return copies.
 */
public final class GeneratedImage {
  private final String text;
  private final long seed;
  private final int height;
  private final int width;
  private final float[] pixels;
  private final byte[] png;

  public GeneratedImage(String text, long seed, int height, int width, float[] pixels, byte[] png) {
    checkArgument(
        pixels.length == height * width * Text2ImageContract.CHANNELS,
        "%s pixel values do not make a %sx%s RGB image",
        pixels.length,
        height,
        width);
    this.text = text;
    this.seed = seed;
    this.height = height;
    this.width = width;
    this.pixels = pixels.clone();
    this.png = png.clone();
  }

  public String text() {
    return text;
  }

  public long seed() {
    return seed;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  /** Height × width × {@link Text2ImageContract#CHANNELS} values in [0, 1], row-major. */
  public float[] pixels() {
    return pixels.clone();
  }

  /** Channel {@code c} of pixel ({@code y}, {@code x}). */
  public float pixel(int y, int x, int c) {
    return pixels[(y * width + x) * Text2ImageContract.CHANNELS + c];
  }

  /** The PNG bytes the model encoded. */
  public byte[] png() {
    return png.clone();
  }

  /** The pixels as an RGB image, each value rounded to 8 bits (clamped to [0, 1]). */
  public BufferedImage toBufferedImage() {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int rgb = 0;
        for (int c = 0; c < Text2ImageContract.CHANNELS; c++) {
          float v = Math.max(0f, Math.min(1f, pixel(y, x, c)));
          rgb = (rgb << 8) | Math.round(v * 255f);
        }
        image.setRGB(x, y, rgb);
      }
    }
    return image;
  }
}
