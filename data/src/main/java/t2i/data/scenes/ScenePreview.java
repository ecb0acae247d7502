package t2i.data.scenes;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import t2i.data.image.Images;

/** A scene drawn large with its boxes, class labels and mask outlines. */
public final class ScenePreview {
  private static final Color[] COLOURS = {
    new Color(0xE6194B), new Color(0x3CB44B), new Color(0x4363D8), new Color(0xF58231)
  };

  private ScenePreview() {}

  /** The scene at {@code side} pixels, annotated. */
  public static BufferedImage draw(SceneRecord r, int side) {
    BufferedImage scene = Images.decodeOnWhite(r.png(), r.key());
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.drawImage(scene, 0, 0, side, side, null);
    double scale = (double) side / r.size();
    for (int i = 0; i < r.objects().size(); i++) {
      SceneRecord.Item o = r.objects().get(i);
      Color colour = COLOURS[i % COLOURS.length];
      boolean[] mask = MaskPng.decode(o.maskPng());
      int n = r.size();
      g.setColor(colour);
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          if (mask[y * n + x] && onEdge(mask, n, x, y)) {
            g.fillRect(
                (int) (x * scale),
                (int) (y * scale),
                (int) Math.ceil(scale),
                (int) Math.ceil(scale));
          }
        }
      }
      g.setStroke(new BasicStroke(2));
      int bx = (int) Math.round(o.box().x() * side);
      int by = (int) Math.round(o.box().y() * side);
      g.drawRect(
          bx, by, (int) Math.round(o.box().w() * side), (int) Math.round(o.box().h() * side));
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
      String label = i + " " + o.className();
      int ty = Math.max(11, by - 2);
      g.setColor(Color.BLACK);
      g.drawString(label, bx + 1, ty + 1);
      g.setColor(colour);
      g.drawString(label, bx, ty);
    }
    g.dispose();
    return out;
  }

  private static boolean onEdge(boolean[] mask, int n, int x, int y) {
    return x == 0
        || y == 0
        || x == n - 1
        || y == n - 1
        || !mask[y * n + x - 1]
        || !mask[y * n + x + 1]
        || !mask[(y - 1) * n + x]
        || !mask[(y + 1) * n + x];
  }
}
