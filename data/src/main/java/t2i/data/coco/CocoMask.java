package t2i.data.coco;

import java.util.Arrays;

/** A binary mask, row-major, one bit per pixel. Immutable. */
public final class CocoMask {
  private final int height;
  private final int width;
  private final long[] bits;

  private CocoMask(int height, int width, long[] bits) {
    this.height = height;
    this.width = width;
    this.bits = bits;
  }

  static Builder builder(int height, int width) {
    return new Builder(height, width);
  }

  public static CocoMask fromBooleans(boolean[] rowMajor, int height, int width) {
    if (rowMajor.length != height * width) {
      throw new IllegalArgumentException(
          rowMajor.length + " values for a " + height + "x" + width + " mask");
    }
    Builder b = builder(height, width);
    for (int i = 0; i < rowMajor.length; i++) {
      if (rowMajor[i]) {
        b.set(i / width, i % width);
      }
    }
    return b.build();
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public boolean get(int y, int x) {
    int i = y * width + x;
    return (bits[i >>> 6] & (1L << i)) != 0;
  }

  /** The number of set pixels. */
  public int area() {
    int n = 0;
    for (long word : bits) {
      n += Long.bitCount(word);
    }
    return n;
  }

  /** Row-major: index {@code y * width + x}. */
  public boolean[] toBooleans() {
    boolean[] out = new boolean[height * width];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        out[y * width + x] = get(y, x);
      }
    }
    return out;
  }

  /**
   * This mask at another size. Each target pixel is set when at least half of the source pixels
   * whose centres fall in it are set (a majority vote, so thin parts do not flicker in and out as
   * with plain nearest sampling); when no source centre falls in it (enlarging), it takes the
   * source pixel under its centre.
   */
  public CocoMask resize(int newHeight, int newWidth) {
    if (newHeight == height && newWidth == width) {
      return this;
    }
    int[] targetRow = targetOfEachCentre(height, newHeight);
    int[] targetColumn = targetOfEachCentre(width, newWidth);
    int[] rowsIn = new int[newHeight];
    int[] columnsIn = new int[newWidth];
    for (int t : targetRow) {
      rowsIn[t]++;
    }
    for (int t : targetColumn) {
      columnsIn[t]++;
    }
    int[] setIn = new int[newHeight * newWidth];
    for (int w = 0; w < bits.length; w++) {
      for (long word = bits[w]; word != 0; word &= word - 1) {
        int i = w * 64 + Long.numberOfTrailingZeros(word);
        setIn[targetRow[i / width] * newWidth + targetColumn[i % width]]++;
      }
    }
    Builder b = builder(newHeight, newWidth);
    for (int ty = 0; ty < newHeight; ty++) {
      for (int tx = 0; tx < newWidth; tx++) {
        int total = rowsIn[ty] * columnsIn[tx];
        boolean on;
        if (total > 0) {
          on = 2 * setIn[ty * newWidth + tx] >= total;
        } else {
          int sy = Math.min(height - 1, (int) ((ty + 0.5) * height / newHeight));
          int sx = Math.min(width - 1, (int) ((tx + 0.5) * width / newWidth));
          on = get(sy, sx);
        }
        if (on) {
          b.set(ty, tx);
        }
      }
    }
    return b.build();
  }

  /** For each source pixel, the target pixel its centre falls in. */
  private static int[] targetOfEachCentre(int source, int target) {
    int[] out = new int[source];
    for (int s = 0; s < source; s++) {
      // centre (s + 0.5) * target / source, floored
      out[s] = (int) ((2L * s + 1) * target / (2L * source));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CocoMask m
        && m.height == height
        && m.width == width
        && Arrays.equals(m.bits, bits);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * height + width) + Arrays.hashCode(bits);
  }

  /** Rows of {@code #} and {@code .}, for test failures. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        s.append(get(y, x) ? '#' : '.');
      }
      s.append('\n');
    }
    return s.toString();
  }

  static final class Builder {
    private final int height;
    private final int width;
    private final long[] bits;

    private Builder(int height, int width) {
      if (height <= 0 || width <= 0) {
        throw new IllegalArgumentException("mask size " + height + "x" + width);
      }
      this.height = height;
      this.width = width;
      this.bits = new long[(int) ((long) height * width + 63) / 64];
    }

    void set(int y, int x) {
      int i = y * width + x;
      bits[i >>> 6] |= 1L << i;
    }

    CocoMask build() {
      return new CocoMask(height, width, bits.clone());
    }
  }
}
