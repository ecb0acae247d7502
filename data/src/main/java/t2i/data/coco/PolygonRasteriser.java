package t2i.data.coco;

import java.util.Arrays;
import java.util.List;

/**
 * Fills COCO polygons the way pycocotools does ({@code frPyObjects} then {@code decode}), so that
 * masks match the ones the COCO tools and the papers' code see.
 *
 * <p>The rule: each polygon is filled even-odd, sampled at pixel centres, and the polygons of one
 * object are united. Pixel (x, y) covers [x, x+1) × [y, y+1), so its centre is (x + ½, y + ½). The
 * boundary is first snapped to a grid five times finer than the pixels (vertices rounded half up)
 * and traced as a digital line; wherever that trace crosses the vertical line through a column of
 * pixel centres, the crossing row is rounded up to the next pixel centre at or below it, and the
 * column's pixels are switched between crossings. A centre lying exactly on an edge can therefore
 * fall either way, as in pycocotools; the snapping moves edges by at most a tenth of a pixel.
 *
 * <p>Deviation: pycocotools treats an object whose first polygon has exactly four numbers as a list
 * of boxes; here every list is a polygon (a two-point polygon encloses nothing).
 */
final class PolygonRasteriser {
  private static final int SCALE = 5;

  private PolygonRasteriser() {}

  /** The union of the polygons, each {@code x0, y0, x1, y1, ...} in pixels. */
  static CocoMask fill(List<double[]> polygons, int height, int width) {
    CocoMask.Builder mask = CocoMask.builder(height, width);
    for (double[] polygon : polygons) {
      fillOne(polygon, mask, height, width);
    }
    return mask.build();
  }

  /** Sets the pixels inside one polygon (leaving the others as they are: a union). */
  private static void fillOne(double[] xy, CocoMask.Builder mask, int height, int width) {
    int k = xy.length / 2;
    Trace trace = new Trace();
    for (int j = 0; j < k; j++) {
      int next = (j + 1) % k;
      trace.segment(
          snap(xy[2 * j]), snap(xy[2 * j + 1]), snap(xy[2 * next]), snap(xy[2 * next + 1]));
    }
    // Crossings as column * 2^32 + row, so that one sort groups them by column, rows ascending.
    long[] crossings = new long[16];
    int n = 0;
    for (int i = 1; i < trace.size; i++) {
      int u0 = trace.u[i - 1];
      int u1 = trace.u[i];
      if (u0 == u1) {
        continue;
      }
      // The trace moved between fine columns min(u0, u1) and that + 1; pixel column x's centre
      // lies between fine columns 5x + 2 and 5x + 3.
      int fine = Math.min(u0, u1);
      if (Math.floorMod(fine - 2, SCALE) != 0) {
        continue;
      }
      int column = Math.floorDiv(fine - 2, SCALE);
      if (column < 0 || column > width - 1) {
        continue;
      }
      double row = (Math.min(trace.v[i - 1], trace.v[i]) + 0.5) / SCALE - 0.5;
      row = Math.ceil(Math.max(0, Math.min(height, row)));
      if (n == crossings.length) {
        crossings = Arrays.copyOf(crossings, 2 * n);
      }
      crossings[n++] = ((long) column << 32) | (long) row;
    }
    Arrays.sort(crossings, 0, n);
    // A closed boundary crosses every column an even number of times, so crossings pair up.
    for (int p = 0; p + 1 < n; p += 2) {
      int column = (int) (crossings[p] >>> 32);
      for (int y = (int) crossings[p]; y < (int) crossings[p + 1]; y++) {
        mask.set(y, column);
      }
    }
  }

  /** A coordinate on the fine grid, rounded half up and truncated toward zero like C's cast. */
  private static int snap(double coordinate) {
    return (int) (SCALE * coordinate + 0.5);
  }

  /** The fine-grid points of the boundary, in drawing order. */
  private static final class Trace {
    int[] u = new int[64];
    int[] v = new int[64];
    int size;

    /**
     * A digital line from (xs, ys) to (xe, ye): one point per step along the longer axis, the other
     * coordinate rounded half up. It is computed from the end with the smaller coordinate on the
     * stepping axis, as pycocotools does, so that a segment covers the same points whichever way it
     * is drawn; the points are still appended in drawing order.
     */
    void segment(int xs, int ys, int xe, int ye) {
      int dx = Math.abs(xe - xs);
      int dy = Math.abs(ye - ys);
      boolean alongX = dx >= dy;
      boolean flip = alongX ? xs > xe : ys > ye;
      if (flip) {
        int t = xs;
        xs = xe;
        xe = t;
        t = ys;
        ys = ye;
        ye = t;
      }
      int steps = alongX ? dx : dy;
      double slope = steps == 0 ? 0 : alongX ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
      for (int d = 0; d <= steps; d++) {
        int t = flip ? steps - d : d;
        if (alongX) {
          add(xs + t, (int) (ys + slope * t + 0.5));
        } else {
          add((int) (xs + slope * t + 0.5), ys + t);
        }
      }
    }

    private void add(int x, int y) {
      if (size == u.length) {
        u = Arrays.copyOf(u, 2 * size);
        v = Arrays.copyOf(v, 2 * size);
      }
      u[size] = x;
      v[size] = y;
      size++;
    }
  }
}
