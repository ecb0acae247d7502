package t2i.data.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import t2i.error.UserException;

/** The image operations the dataset builders need; all images leave here as 8-bit RGB. */
public final class Images {
  /** Channels of every image the data module stores, decodes and batches: RGB. */
  public static final int CHANNELS = 3;

  static {
    // ImageIO otherwise streams through temporary files, which is slower and leaves a
    // stream-closer hook that fails noisily when the JVM is stopped.
    ImageIO.setUseCache(false);
  }

  private Images() {}

  /**
   * Decodes PNG, JPEG, GIF or BMP bytes, in any bit depth or colour model, and composites any
   * transparency onto white.
   *
   * @param source names the file in the error message if the bytes are not an image
   */
  public static BufferedImage decodeOnWhite(byte[] bytes, String source) {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      throw new UserException(source + " is not a readable image (" + e.getMessage() + ")", e);
    }
    if (image == null) {
      throw new UserException(source + " is not a readable image (unknown or corrupt format)");
    }
    return compositeOnWhite(image);
  }

  /** Alpha-composites {@code image} onto an opaque white background. */
  public static BufferedImage compositeOnWhite(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    for (int i = 0; i < argb.length; i++) {
      int p = argb[i];
      int a = p >>> 24;
      int r = blend((p >> 16) & 0xff, a);
      int g = blend((p >> 8) & 0xff, a);
      int b = blend(p & 0xff, a);
      argb[i] = (r << 16) | (g << 8) | b;
    }
    BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    rgb.setRGB(0, 0, w, h, argb, 0, w);
    return rgb;
  }

  private static int blend(int channel, int alpha) {
    return (channel * alpha + 255 * (255 - alpha) + 127) / 255;
  }

  /**
   * Resizes to {@code width × height} with bilinear steps of at most one halving each, which avoids
   * the aliasing of a single bilinear step on large downscales.
   */
  public static BufferedImage resize(BufferedImage image, int width, int height) {
    BufferedImage current = image;
    while (current.getWidth() != width || current.getHeight() != height) {
      int w = Math.max(width, current.getWidth() / 2);
      int h = Math.max(height, current.getHeight() / 2);
      if (current.getWidth() < width || current.getHeight() < height) {
        w = width;
        h = height;
      }
      BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(current, 0, 0, w, h, null);
      g.dispose();
      current = next;
    }
    return current;
  }

  /** PNG bytes of an RGB image. */
  public static byte[] encodePng(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      if (!ImageIO.write(image, "png", out)) {
        throw new IllegalStateException("no PNG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Interleaved RGB bytes, row-major: the layout the batch pipeline and tensors use. */
  public static byte[] rgbBytes(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
    byte[] rgb = new byte[w * h * CHANNELS];
    for (int i = 0; i < argb.length; i++) {
      rgb[CHANNELS * i] = (byte) (argb[i] >> 16);
      rgb[CHANNELS * i + 1] = (byte) (argb[i] >> 8);
      rgb[CHANNELS * i + 2] = (byte) argb[i];
    }
    return rgb;
  }
}
