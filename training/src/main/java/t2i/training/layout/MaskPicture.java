package t2i.training.layout;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * A layout's masks drawn on white, each object in its class's colour ({@link
 * LayoutPicture#colourOf}) with its box outlined: what the shape generator drew, or the true masks.
 */
public final class MaskPicture {
  private MaskPicture() {}

  /**
   * @param layouts the boxes and labels
   * @param masks {@code [n, T, side, side]} in [0, 1], as {@link ShapesModel#masks} gives
   * @param i the layout to draw
   * @param emptyLabel the label of an empty slot
   * @param scale pixels per mask pixel
   */
  public static BufferedImage draw(
      SceneTensors layouts, float[] masks, int i, int emptyLabel, int scale) {
    int side = layouts.side();
    int slots = layouts.slots();
    BufferedImage out = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_INT_RGB);
    int[] rgb = new int[side * side];
    Arrays.fill(rgb, 0xFFFFFF);
    for (int t = 0; t < slots; t++) {
      int label = layouts.labels()[i * slots + t];
      if (label < 0 || label >= emptyLabel) {
        continue;
      }
      Color c = LayoutPicture.colourOf(label);
      int offset = (i * slots + t) * side * side;
      for (int p = 0; p < side * side; p++) {
        float a = Math.max(0f, Math.min(1f, masks[offset + p]));
        if (a > 0) {
          rgb[p] = blend(rgb[p], c.getRGB(), a);
        }
      }
    }
    for (int y = 0; y < side * scale; y++) {
      for (int x = 0; x < side * scale; x++) {
        out.setRGB(x, y, rgb[(y / scale) * side + x / scale]);
      }
    }
    Graphics2D g = out.createGraphics();
    for (int t = 0; t < slots; t++) {
      int label = layouts.labels()[i * slots + t];
      if (label < 0 || label >= emptyLabel) {
        continue;
      }
      int slot = (i * slots + t) * 4;
      g.setColor(LayoutPicture.colourOf(label));
      g.drawRect(
          Math.round(layouts.boxes()[slot] * side * scale),
          Math.round(layouts.boxes()[slot + 1] * side * scale),
          Math.max(1, Math.round(layouts.boxes()[slot + 2] * side * scale) - 1),
          Math.max(1, Math.round(layouts.boxes()[slot + 3] * side * scale) - 1));
    }
    g.dispose();
    return out;
  }

  private static int blend(int under, int over, float a) {
    int r = Math.round(((under >> 16) & 0xFF) * (1 - a) + ((over >> 16) & 0xFF) * a);
    int g = Math.round(((under >> 8) & 0xFF) * (1 - a) + ((over >> 8) & 0xFF) * a);
    int b = Math.round((under & 0xFF) * (1 - a) + (over & 0xFF) * a);
    return (r << 16) | (g << 8) | b;
  }
}
