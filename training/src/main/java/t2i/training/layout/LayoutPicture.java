package t2i.training.layout;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/** A layout drawn as labelled boxes on a white canvas, each class in its own colour. */
public final class LayoutPicture {
  private static final Font FONT = new Font(Font.SANS_SERIF, Font.BOLD, 11);

  private LayoutPicture() {}

  public static BufferedImage draw(List<LayoutObject> layout, List<String> classNames, int side) {
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, side, side);
    g.setColor(new Color(0xDDDDDD));
    for (int i = 1; i < 3; i++) {
      g.drawLine(i * side / 3, 0, i * side / 3, side);
      g.drawLine(0, i * side / 3, side, i * side / 3);
    }
    g.setStroke(new BasicStroke(2));
    g.setFont(FONT);
    for (int i = 0; i < layout.size(); i++) {
      LayoutObject o = layout.get(i);
      Color colour = colourOf(o.classId());
      int x = (int) Math.round(o.box().x() * side);
      int y = (int) Math.round(o.box().y() * side);
      int w = Math.max(1, (int) Math.round(o.box().w() * side));
      int h = Math.max(1, (int) Math.round(o.box().h() * side));
      g.setColor(new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 48));
      g.fillRect(x, y, w, h);
      g.setColor(colour);
      g.drawRect(x, y, w, h);
      String name =
          o.classId() < classNames.size() ? classNames.get(o.classId()) : "#" + o.classId();
      g.drawString((i + 1) + " " + name, x + 3, Math.min(side - 3, Math.max(12, y + 12)));
    }
    g.setColor(Color.GRAY);
    g.setStroke(new BasicStroke(1));
    g.drawRect(0, 0, side - 1, side - 1);
    g.dispose();
    return out;
  }

  /** Hues spread by the golden angle, dark enough for text on white. */
  static Color colourOf(int classId) {
    float hue = (classId * 0.618034f) % 1f;
    return Color.getHSBColor(hue, 0.85f, 0.75f);
  }
}
