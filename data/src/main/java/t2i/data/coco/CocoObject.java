package t2i.data.coco;

/**
 * One kept object instance.
 *
 * @param annotationId COCO's annotation id
 * @param category the class, with its 0..79 index
 * @param box COCO's box, in pixels of the image; {@link CocoBox#normalised} gives fractions
 * @param segmentation the instance mask, rasterised by {@link #mask()}
 */
public record CocoObject(
    long annotationId, CocoCategory category, CocoBox box, CocoSegmentation segmentation) {
  public int categoryIndex() {
    return category.index();
  }

  public String categoryName() {
    return category.name();
  }

  /** The mask at the image's size. */
  public CocoMask mask() {
    return segmentation.mask();
  }

  /** The mask at the image's size, then resized (see {@link CocoMask#resize}). */
  public CocoMask mask(int height, int width) {
    return mask().resize(height, width);
  }
}
