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
    Builder b = builder(newHeight, newWidth);
    for (int ty = 0; ty < newHeight; ty++) {
      int y0 = firstCentreIn(ty, height, newHeight);
      int y1 = firstCentreIn(ty + 1, height, newHeight);
      for (int tx = 0; tx < newWidth; tx++) {
        int x0 = firstCentreIn(tx, width, newWidth);
        int x1 = firstCentreIn(tx + 1, width, newWidth);
        boolean on;
        if (y1 > y0 && x1 > x0) {
          int set = 0;
          for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
              set += get(y, x) ? 1 : 0;
            }
          }
          on = 2 * set >= (y1 - y0) * (x1 - x0);
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

  /** The first source pixel whose centre is at or after target edge {@code t}. */
  private static int firstCentreIn(int t, int source, int target) {
    // centre s + 0.5 >= t * source / target  <=>  s >= ceil((2 t source - target) / (2 target))
    long num = 2L * t * source - target;
    return (int) Math.max(0, Math.min(source, Math.floorDiv(num + 2L * target - 1, 2L * target)));
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

    void or(CocoMask other) {
      for (int i = 0; i < bits.length; i++) {
        bits[i] |= other.bits[i];
      }
    }

    CocoMask build() {
      return new CocoMask(height, width, bits.clone());
    }
  }
}
