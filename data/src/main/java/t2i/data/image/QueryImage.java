package t2i.data.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import t2i.error.UserException;

/**
 * A user's image as a model input: PNG, JPEG, GIF or BMP in any bit depth or colour model
 * (grayscale, 16-bit, palette, alpha composited on white), centre-cropped to a square and resized,
 * with a note for each change made.
 *
 * @param image 8-bit RGB, {@code side × side}
 * @param notes what was done to it, for the user
 */
public record QueryImage(BufferedImage image, List<String> notes) {
  /** Larger images are refused before decoding (a 40 MP RGBA image is 160 MB of pixels). */
  public static final long MAX_PIXELS = 40_000_000L;

  public QueryImage {
    notes = List.copyOf(notes);
  }

  public static QueryImage load(Path file, int side) {
    if (!Files.isRegularFile(file)) {
      throw new UserException("no such image file: " + file);
    }
    int width;
    int height;
    String format;
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new UserException(file + " is not an image this tool reads (PNG, JPEG, GIF, BMP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in);
        width = reader.getWidth(0);
        height = reader.getHeight(0);
        format = reader.getFormatName();
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new UserException(file + " is not a readable image (" + e.getMessage() + ")", e);
    }
    if ((long) width * height > MAX_PIXELS) {
      throw new UserException(
          String.format(
              "%s is %d x %d pixels; images above %d megapixels are refused: shrink it first",
              file, width, height, MAX_PIXELS / 1_000_000));
    }
    BufferedImage image;
    try {
      image = Images.decodeOnWhite(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
    List<String> notes = new ArrayList<>();
    if (width != height) {
      int s = Math.min(width, height);
      image = image.getSubimage((width - s) / 2, (height - s) / 2, s, s);
      notes.add(String.format("centre-cropped %d x %d to %d x %d", width, height, s, s));
    }
    if (image.getWidth() != side) {
      notes.add(
          String.format(
              "resized %d x %d to %d x %d", image.getWidth(), image.getHeight(), side, side));
      image = Images.resize(image, side, side);
    }
    if (!format.equalsIgnoreCase("png") && !format.equalsIgnoreCase("jpeg")) {
      notes.add("read as " + format);
    }
    return new QueryImage(image, notes);
  }

  /**
   * The pixels as the networks take them: row-major {@code [side, side, }{@value
   * Images#CHANNELS}{@code ]} (RGB) in [−1, 1].
   */
  public float[] pixels() {
    byte[] rgb = Images.rgbBytes(image);
    float[] out = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      out[i] = (rgb[i] & 0xff) / 127.5f - 1f;
    }
    return out;
  }
}
