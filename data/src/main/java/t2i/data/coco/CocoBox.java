package t2i.data.coco;

/** An axis-aligned box {@code (x, y)} top-left, in pixels of its image unless made otherwise. */
public record CocoBox(double x, double y, double width, double height) {
  public double area() {
    return width * height;
  }

  public double centreX() {
    return x + width / 2;
  }

  /** This box as fractions of an image of the given size: (x, y, w, h) in [0, 1]. */
  public CocoBox normalised(int imageWidth, int imageHeight) {
    return new CocoBox(x / imageWidth, y / imageHeight, width / imageWidth, height / imageHeight);
  }
}
