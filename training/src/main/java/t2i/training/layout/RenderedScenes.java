package t2i.training.layout;

import java.util.List;

/**
 * Images rendered for some test scenes under one condition, with the layout each was drawn from.
 *
 * @param images {@code [n, side, side, 3]} in [-1, 1]
 * @param layouts per image, the objects (classId, box) it was drawn from; for real images and the
 *     no-layout GAN, the scene's true objects
 * @param captions the caption each image was drawn for
 * @param masks the condition's masks against the scenes' true masks; null for images drawn without
 *     masks (real images, the no-layout GAN)
 */
public record RenderedScenes(
    String condition,
    int side,
    float[] images,
    List<List<LayoutObject>> layouts,
    List<String> captions,
    MaskIou masks) {

  /** Images drawn without masks. */
  public RenderedScenes(
      String condition,
      int side,
      float[] images,
      List<List<LayoutObject>> layouts,
      List<String> captions) {
    this(condition, side, images, layouts, captions, null);
  }
}
