package t2i.training.layout;

import java.awt.image.BufferedImage;

/** A label map drawn on white: each covered pixel in the colour of its strongest class. */
public final class LabelMapPicture {
  private LabelMapPicture() {}

  /**
   * @param labelMaps {@code [n, side, side, L]}
   * @param i the map to draw
   * @param scale pixels per map pixel
   */
  public static BufferedImage draw(float[] labelMaps, int i, int side, int classes, int scale) {
    BufferedImage out = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int offset = ((i * side + y) * side + x) * classes;
        int best = -1;
        float strongest = 0;
        for (int k = 0; k < classes; k++) {
          if (labelMaps[offset + k] > strongest) {
            strongest = labelMaps[offset + k];
            best = k;
          }
        }
        int rgb = best < 0 ? 0xFFFFFF : LayoutPicture.colourOf(best).getRGB() & 0xFFFFFF;
        for (int dy = 0; dy < scale; dy++) {
          for (int dx = 0; dx < scale; dx++) {
            out.setRGB(x * scale + dx, y * scale + dy, rgb);
          }
        }
      }
    }
    return out;
  }
}
