package t2i.data.image;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows of equally sized images with a caption under each row, drawn onto one picture: dataset
 * previews and sample grids. Images are scaled by an integer factor with nearest-neighbour, so
 * pixels stay visible.
 */
public final class ImageGrid {
  private static final int PAD = 4;

  /** Narrow grids still get room for a readable caption. */
  private static final int MIN_WIDTH = 640;

  private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

  /** One row: images left to right and the caption written under them. */
  public record Row(List<BufferedImage> images, String caption) {
    public Row {
      checkArgument(!images.isEmpty(), "a grid row needs at least one image");
      images = List.copyOf(images);
    }
  }

  private ImageGrid() {}

  public static BufferedImage draw(List<Row> rows, int scale) {
    checkArgument(!rows.isEmpty(), "a grid needs at least one row");
    checkArgument(scale >= 1, "scale must be >= 1, was %s", scale);
    int cellW = rows.get(0).images().get(0).getWidth() * scale;
    int cellH = rows.get(0).images().get(0).getHeight() * scale;
    int columns = rows.stream().mapToInt(r -> r.images().size()).max().getAsInt();
    int width = Math.max(MIN_WIDTH, PAD + columns * (cellW + PAD));
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(FONT);
    pg.dispose();
    List<List<String>> wrapped = new ArrayList<>();
    int height = PAD;
    for (Row row : rows) {
      List<String> lines = wrap(row.caption(), fm, width - 2 * PAD);
      wrapped.add(lines);
      height += cellH + lines.size() * fm.getHeight() + 2 * PAD;
    }
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(FONT);
    int y = PAD;
    for (int r = 0; r < rows.size(); r++) {
      int x = PAD;
      for (BufferedImage image : rows.get(r).images()) {
        g.drawImage(image, x, y, cellW, cellH, null);
        g.setColor(new Color(0xDDDDDD));
        g.drawRect(x - 1, y - 1, cellW + 1, cellH + 1);
        x += cellW + PAD;
      }
      y += cellH + PAD;
      g.setColor(Color.BLACK);
      for (String line : wrapped.get(r)) {
        y += fm.getAscent();
        g.drawString(line, PAD, y);
        y += fm.getDescent() + fm.getLeading();
      }
      y += PAD;
    }
    g.dispose();
    return out;
  }

  private static List<String> wrap(String text, FontMetrics fm, int maxWidth) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (fm.stringWidth(candidate) > maxWidth && line.length() > 0) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0 || lines.isEmpty()) {
      lines.add(line.toString());
    }
    return lines;
  }
}
