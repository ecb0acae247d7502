package t2i.data.scenes;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import t2i.data.image.Images;
import t2i.error.UserException;

/** Instance masks as 1-bit PNGs: white where the object is visible. */
public final class MaskPng {
  private static final IndexColorModel BLACK_WHITE =
      new IndexColorModel(1, 2, new byte[] {0, -1}, new byte[] {0, -1}, new byte[] {0, -1});

  private MaskPng() {}

  public static byte[] encode(boolean[] mask, int size) {
    BufferedImage image =
        new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY, BLACK_WHITE);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (mask[y * size + x]) {
          image.setRGB(x, y, 0xFFFFFFFF);
        }
      }
    }
    return Images.encodePng(image);
  }

  /** The mask, row-major over its square image. */
  public static boolean[] decode(byte[] png) {
    BufferedImage image;
    try {
      image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
    } catch (IOException e) {
      throw new UserException("a mask is not a readable PNG: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new UserException("a mask is not a readable PNG");
    }
    int w = image.getWidth();
    int h = image.getHeight();
    boolean[] mask = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        mask[y * w + x] = (image.getRGB(x, y) & 0xFFFFFF) != 0;
      }
    }
    return mask;
  }
}
