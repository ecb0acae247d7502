package t2i.training;

import java.util.SplittableRandom;
import t2i.data.image.Images;

/**
 * Mild geometric augmentation (the judge, the joint embedding on request): each image scaled about
 * its centre by a factor in [1 − maxScale, 1 + maxScale] and shifted by whole pixels in [−maxShift,
 * maxShift], sampled bilinearly, white where the source is outside the image (the emoji art sits on
 * white). Colour is untouched: it carries the caption.
 */
public final class ShiftScale {
  private ShiftScale() {}

  /**
   * @param images row-major {@code [n, side, side, }{@value Images#CHANNELS}{@code ]} in [−1, 1]
   * @return a new array of the same shape
   */
  public static float[] apply(
      float[] images, int n, int side, SplittableRandom random, int maxShift, float maxScale) {
    int c = Images.CHANNELS;
    int length = side * side * c;
    float[] out = new float[images.length];
    double centre = (side - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      double scale = 1 + maxScale * (2 * random.nextDouble() - 1);
      int dx = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
      int dy = maxShift == 0 ? 0 : random.nextInt(2 * maxShift + 1) - maxShift;
      int base = i * length;
      for (int y = 0; y < side; y++) {
        double sy = (y - dy - centre) / scale + centre;
        for (int x = 0; x < side; x++) {
          double sx = (x - dx - centre) / scale + centre;
          for (int k = 0; k < c; k++) {
            out[base + (y * side + x) * c + k] = sample(images, base, side, sx, sy, k);
          }
        }
      }
    }
    return out;
  }

  private static float sample(float[] img, int base, int side, double x, double y, int k) {
    int x0 = (int) Math.floor(x);
    int y0 = (int) Math.floor(y);
    double fx = x - x0;
    double fy = y - y0;
    double top = lerp(at(img, base, side, x0, y0, k), at(img, base, side, x0 + 1, y0, k), fx);
    double bottom =
        lerp(at(img, base, side, x0, y0 + 1, k), at(img, base, side, x0 + 1, y0 + 1, k), fx);
    return (float) lerp(top, bottom, fy);
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }

  private static float at(float[] img, int base, int side, int x, int y, int k) {
    if (x < 0 || y < 0 || x >= side || y >= side) {
      return 1f; // white
    }
    return img[base + (y * side + x) * Images.CHANNELS + k];
  }
}
