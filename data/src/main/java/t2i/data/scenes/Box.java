package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * An axis-aligned box normalised to the canvas: (x, y) its top-left corner, y downwards, all in [0,
 * 1].
 */
public record Box(double x, double y, double w, double h) {
  public Box {
    checkArgument(
        w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= 1 + 1e-6 && y + h <= 1 + 1e-6,
        "box (%s, %s, %s, %s) is not inside the unit square",
        x,
        y,
        w,
        h);
  }

  public double centreX() {
    return x + w / 2;
  }

  public double centreY() {
    return y + h / 2;
  }

  public double area() {
    return w * h;
  }
}
