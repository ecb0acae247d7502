package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;

/**
 * Emoji art as premultiplied RGBA floats in [0, 1], resampled by area averaging (which neither
 * aliases on downscaling nor depends on the Java2D pipeline, so scenes are the same bytes on every
 * JVM).
 */
public final class Sprite {
  /** Alpha at or above which a pixel belongs to the object's mask. */
  public static final float MASK_ALPHA = 0.5f;

  private final int size;
  private final float[] rgba;

  private Sprite(int size, float[] rgba) {
    this.size = size;
    this.rgba = rgba;
  }

  /** A square sprite from decoded art with alpha. */
  public static Sprite of(BufferedImage art) {
    checkArgument(art.getWidth() == art.getHeight(), "emoji art is not square");
    int n = art.getWidth();
    int[] argb = art.getRGB(0, 0, n, n, null, 0, n);
    float[] rgba = new float[n * n * 4];
    for (int i = 0; i < argb.length; i++) {
      float a = (argb[i] >>> 24) / 255f;
      rgba[4 * i] = ((argb[i] >> 16) & 0xFF) / 255f * a;
      rgba[4 * i + 1] = ((argb[i] >> 8) & 0xFF) / 255f * a;
      rgba[4 * i + 2] = (argb[i] & 0xFF) / 255f * a;
      rgba[4 * i + 3] = a;
    }
    return new Sprite(n, rgba);
  }

  public int size() {
    return size;
  }

  public float alpha(int x, int y) {
    return rgba[4 * (y * size + x) + 3];
  }

  /** Premultiplied channel {@code c} (0 red, 1 green, 2 blue, 3 alpha). */
  public float channel(int x, int y, int c) {
    return rgba[4 * (y * size + x) + c];
  }

  /**
   * The least opaque of the four corner patches (each an eighth of the side square), as the share
   * of its pixels at least {@link #MASK_ALPHA} opaque: high for art that fills its tile (a night
   * sky, fog, bricks), zero for an object, even a round face or a boat on a strip of water.
   */
  public double cornerFill() {
    int patch = Math.max(1, size / 8);
    double least = 1;
    for (int cy : new int[] {0, size - patch}) {
      for (int cx : new int[] {0, size - patch}) {
        int opaque = 0;
        for (int y = cy; y < cy + patch; y++) {
          for (int x = cx; x < cx + patch; x++) {
            if (alpha(x, y) >= MASK_ALPHA) {
              opaque++;
            }
          }
        }
        least = Math.min(least, (double) opaque / (patch * patch));
      }
    }
    return least;
  }

  /** This sprite resampled to {@code side × side}: area average down, bilinear up. */
  public Sprite resize(int side) {
    checkArgument(side > 0, "side must be > 0, was %s", side);
    if (side == size) {
      return this;
    }
    if (side > size) {
      return enlarge(side);
    }
    float[] out = new float[side * side * 4];
    double step = (double) size / side;
    for (int ty = 0; ty < side; ty++) {
      int y0 = (int) Math.floor(ty * step);
      int y1 = Math.max(y0 + 1, (int) Math.floor((ty + 1) * step));
      for (int tx = 0; tx < side; tx++) {
        int x0 = (int) Math.floor(tx * step);
        int x1 = Math.max(x0 + 1, (int) Math.floor((tx + 1) * step));
        int o = 4 * (ty * side + tx);
        int count = 0;
        for (int y = y0; y < Math.min(y1, size); y++) {
          for (int x = x0; x < Math.min(x1, size); x++) {
            int i = 4 * (y * size + x);
            for (int c = 0; c < 4; c++) {
              out[o + c] += rgba[i + c];
            }
            count++;
          }
        }
        for (int c = 0; c < 4; c++) {
          out[o + c] /= count;
        }
      }
    }
    return new Sprite(side, out);
  }

  private Sprite enlarge(int side) {
    float[] out = new float[side * side * 4];
    double step = (double) size / side;
    for (int ty = 0; ty < side; ty++) {
      double sy = Math.max(0, Math.min(size - 1, (ty + 0.5) * step - 0.5));
      int y0 = (int) sy;
      int y1 = Math.min(size - 1, y0 + 1);
      float fy = (float) (sy - y0);
      for (int tx = 0; tx < side; tx++) {
        double sx = Math.max(0, Math.min(size - 1, (tx + 0.5) * step - 0.5));
        int x0 = (int) sx;
        int x1 = Math.min(size - 1, x0 + 1);
        float fx = (float) (sx - x0);
        for (int c = 0; c < 4; c++) {
          float top = channel(x0, y0, c) * (1 - fx) + channel(x1, y0, c) * fx;
          float bottom = channel(x0, y1, c) * (1 - fx) + channel(x1, y1, c) * fx;
          out[4 * (ty * side + tx) + c] = top * (1 - fy) + bottom * fy;
        }
      }
    }
    return new Sprite(side, out);
  }

  /**
   * The tight box of the mask pixels, as {@code [x0, y0, x1, y1)}, or null if no pixel reaches
   * {@link #MASK_ALPHA}.
   */
  public int[] maskBounds() {
    int x0 = size;
    int y0 = size;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (alpha(x, y) >= MASK_ALPHA) {
          x0 = Math.min(x0, x);
          y0 = Math.min(y0, y);
          x1 = Math.max(x1, x);
          y1 = Math.max(y1, y);
        }
      }
    }
    return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
  }
}
