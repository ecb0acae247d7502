package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The cells of an {@link t2i.data.image.ImageGrid} of square pictures {@code side} pixels wide,
 * drawn at scale 1, found by the grey outline the grid draws one pixel around each cell.
 */
final class GridCells {
  /** ImageGrid's padding around and between cells. */
  private static final int PAD = 4;

  private static final int OUTLINE = 0xDDDDDD;

  private final int side;

  GridCells(int side) {
    this.side = side;
  }

  /** The width of a grid of {@code columns} cells, wider than the grid's 640-pixel minimum. */
  int width(int columns) {
    int width = PAD + columns * (side + PAD);
    assertTrue(width > 640, "choose more columns: the grid's minimum width would hide them");
    return width;
  }

  /**
   * The top pixel row of each row of cells: where the outline left of the first cell starts. Each
   * outline must be {@code side + 2} pixels long, so a cell of another side fails.
   */
  List<Integer> rowTops(BufferedImage grid) {
    int x = PAD - 1;
    List<Integer> tops = new ArrayList<>();
    for (int y = 1; y < grid.getHeight(); y++) {
      if (isOutline(grid, x, y) && !isOutline(grid, x, y - 1)) {
        int end = y;
        while (end < grid.getHeight() && isOutline(grid, x, end)) {
          end++;
        }
        assertEquals(side + 2, end - y, "a cell's outline at y = " + y);
        tops.add(y + 1);
      }
    }
    return tops;
  }

  /** Pixels of cell (row, column) that are neither white nor grey. */
  int colouredPixels(BufferedImage grid, int row, int column) {
    int top = rowTops(grid).get(row);
    int count = 0;
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        int rgb = grid.getRGB(left(column) + x, top + y);
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) {
          count++;
        }
      }
    }
    return count;
  }

  /** Whether cell (row, column) is pixel for pixel the same in two grids. */
  boolean same(BufferedImage a, BufferedImage b, int row, int column) {
    return same(a, row, column, b, row, column);
  }

  /** Whether two cells, of one grid or two, are pixel for pixel the same. */
  boolean same(BufferedImage a, int rowA, int columnA, BufferedImage b, int rowB, int columnB) {
    int topA = rowTops(a).get(rowA);
    int topB = rowTops(b).get(rowB);
    for (int y = 0; y < side; y++) {
      for (int x = 0; x < side; x++) {
        if (a.getRGB(left(columnA) + x, topA + y) != b.getRGB(left(columnB) + x, topB + y)) {
          return false;
        }
      }
    }
    return true;
  }

  private int left(int column) {
    return PAD + column * (side + PAD);
  }

  private static boolean isOutline(BufferedImage grid, int x, int y) {
    return (grid.getRGB(x, y) & 0xFFFFFF) == OUTLINE;
  }
}
