package t2i.training.scenejudge;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import t2i.data.image.Images;
import t2i.data.scenes.Box;

/**
 * What the scene judge's networks see of an image, row-major in [−1, 1]. An object's crop is its
 * box widened by a margin on each side, resampled bilinearly to a square (so a box's aspect ratio
 * is not kept: RoI-align's choice), the image's edge pixels repeated beyond the canvas. A
 * background input is the image resampled to the network's side with the pixels whose centres lie
 * in any object's box set to 0, and a fourth channel that is 1 on the pixels kept and 0 on those
 * blanked: the network names the place from what surrounds the objects, not from the objects (fish
 * say "under water" whatever the painter drew behind them).
 */
public final class Crops {
  /** Channels of a background input: RGB, then the kept-pixels channel. */
  public static final int BACKGROUND_CHANNELS = Images.CHANNELS + 1;

  private Crops() {}

  /**
   * A random change of a crop's box, for augmentation: the centre moved by {@code dx, dy} box
   * sides, the sides multiplied by {@code scale}.
   */
  public record Jitter(double dx, double dy, double scale) {
    public static final Jitter NONE = new Jitter(0, 0, 1);

    public Jitter {
      checkArgument(scale > 0, "scale must be > 0, was %s", scale);
    }
  }

  /**
   * Writes the crop of {@code box} in image {@code index} of {@code images} ({@code [n, side, side,
   * 3]}) into {@code out} at row {@code row} ({@code [rows, cropSide, cropSide, 3]}).
   *
   * @param margin the share of the box's side added on each side
   */
  public static void crop(
      float[] images,
      int index,
      int side,
      Box box,
      double margin,
      Jitter jitter,
      int cropSide,
      float[] out,
      int row) {
    double w = box.w() * (1 + 2 * margin) * jitter.scale() * side;
    double h = box.h() * (1 + 2 * margin) * jitter.scale() * side;
    double cx = (box.centreX() + jitter.dx() * box.w()) * side;
    double cy = (box.centreY() + jitter.dy() * box.h()) * side;
    resample(
        images,
        index * side * side * Images.CHANNELS,
        side,
        cx - w / 2,
        cy - h / 2,
        w,
        h,
        cropSide,
        out,
        row * cropSide * cropSide * Images.CHANNELS);
  }

  /**
   * The crops of every box of every image, row-major {@code [boxes, cropSide, cropSide, 3]}, image
   * by image and box by box in each.
   */
  public static float[] crops(
      float[] images, int side, List<List<Box>> boxes, double margin, int cropSide) {
    checkImages(images, boxes.size(), side);
    int total = boxes.stream().mapToInt(List::size).sum();
    float[] out = new float[total * cropSide * cropSide * Images.CHANNELS];
    int row = 0;
    for (int i = 0; i < boxes.size(); i++) {
      for (Box b : boxes.get(i)) {
        crop(images, i, side, b, margin, Jitter.NONE, cropSide, out, row++);
      }
    }
    return out;
  }

  /**
   * Writes the background input of image {@code index} into {@code out} at row {@code row} ({@code
   * [rows, inputSide, inputSide, 4]}).
   *
   * @param mirror whether to flip the input left to right (augmentation)
   */
  public static void background(
      float[] images,
      int index,
      int side,
      List<Box> boxes,
      int inputSide,
      boolean mirror,
      float[] out,
      int row) {
    int c = Images.CHANNELS;
    float[] rgb = new float[inputSide * inputSide * c];
    resample(images, index * side * side * c, side, 0, 0, side, side, inputSide, rgb, 0);
    int base = row * inputSide * inputSide * BACKGROUND_CHANNELS;
    for (int y = 0; y < inputSide; y++) {
      double v = (y + 0.5) / inputSide;
      for (int x = 0; x < inputSide; x++) {
        double u = (x + 0.5) / inputSide;
        boolean covered = false;
        for (Box b : boxes) {
          if (u >= b.x() && u < b.x() + b.w() && v >= b.y() && v < b.y() + b.h()) {
            covered = true;
            break;
          }
        }
        int to = base + (y * inputSide + (mirror ? inputSide - 1 - x : x)) * BACKGROUND_CHANNELS;
        for (int k = 0; k < c; k++) {
          out[to + k] = covered ? 0f : rgb[(y * inputSide + x) * c + k];
        }
        out[to + c] = covered ? 0f : 1f;
      }
    }
  }

  /** The background inputs of every image, row-major {@code [n, inputSide, inputSide, 4]}. */
  public static float[] backgrounds(
      float[] images, int side, List<List<Box>> boxes, int inputSide) {
    checkImages(images, boxes.size(), side);
    float[] out = new float[boxes.size() * inputSide * inputSide * BACKGROUND_CHANNELS];
    for (int i = 0; i < boxes.size(); i++) {
      background(images, i, side, boxes.get(i), inputSide, false, out, i);
    }
    return out;
  }

  /**
   * Images resampled to another side, row-major {@code [n, to, to, 3]} (the same array when the
   * sides agree).
   */
  public static float[] resize(float[] images, int n, int side, int to) {
    checkImages(images, n, side);
    if (side == to) {
      return images;
    }
    int c = Images.CHANNELS;
    float[] out = new float[n * to * to * c];
    for (int i = 0; i < n; i++) {
      resample(images, i * side * side * c, side, 0, 0, side, side, to, out, i * to * to * c);
    }
    return out;
  }

  /** RGB bytes (0–255, row-major) as values in [−1, 1]. */
  public static float[] pixels(byte[] rgb) {
    float[] out = new float[rgb.length];
    for (int i = 0; i < rgb.length; i++) {
      out[i] = (rgb[i] & 0xff) / 127.5f - 1f;
    }
    return out;
  }

  private static void checkImages(float[] images, int n, int side) {
    checkArgument(
        images.length == n * side * side * Images.CHANNELS,
        "expected %s images of %sx%sx3 values, got %s values",
        n,
        side,
        side,
        images.length);
  }

  /**
   * Samples the square {@code [left, left + w) × [top, top + h)} of the image at {@code base} (in
   * pixels, pixel {@code i} covering {@code [i, i + 1)}) on a {@code to × to} grid of pixel
   * centres, bilinearly, the image's edge repeated outside it.
   */
  private static void resample(
      float[] img,
      int base,
      int side,
      double left,
      double top,
      double w,
      double h,
      int to,
      float[] out,
      int outBase) {
    int c = Images.CHANNELS;
    for (int y = 0; y < to; y++) {
      double sy = top + (y + 0.5) * h / to - 0.5;
      int y0 = (int) Math.floor(sy);
      double fy = sy - y0;
      int ya = clamp(y0, side);
      int yb = clamp(y0 + 1, side);
      for (int x = 0; x < to; x++) {
        double sx = left + (x + 0.5) * w / to - 0.5;
        int x0 = (int) Math.floor(sx);
        double fx = sx - x0;
        int xa = clamp(x0, side);
        int xb = clamp(x0 + 1, side);
        for (int k = 0; k < c; k++) {
          double t =
              img[base + (ya * side + xa) * c + k] * (1 - fx)
                  + img[base + (ya * side + xb) * c + k] * fx;
          double b =
              img[base + (yb * side + xa) * c + k] * (1 - fx)
                  + img[base + (yb * side + xb) * c + k] * fx;
          out[outBase + (y * to + x) * c + k] = (float) (t * (1 - fy) + b * fy);
        }
      }
    }
  }

  private static int clamp(int i, int side) {
    return i < 0 ? 0 : Math.min(i, side - 1);
  }
}
