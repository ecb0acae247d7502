package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How well a condition's masks match the scenes' true masks, thresholded at ½ (LAYOUT_SPEC §8),
 * beside the filled-box baseline of the same true boxes.
 *
 * @param instance mean IoU of each object's mask against its true mask; null when the layout is not
 *     the scene's own (predicted boxes: no object matches another)
 * @param global mean over scenes of the IoU of the union of the masks against the union of the true
 *     masks
 * @param filledBoxInstance the instance IoU of each true box filled (a generator that drew boxes)
 * @param filledBoxGlobal the global IoU of the filled true boxes
 */
public record MaskIou(
    Double instance, double global, double filledBoxInstance, double filledBoxGlobal) {

  /**
   * @param truth the scenes' true layouts and masks
   * @param masks the condition's masks, {@code [n, slots, side, side]} like the truth's
   * @param counts objects per scene in {@code masks}
   * @param emptyLabel the label of an empty slot in the truth
   * @param ownBoxes whether {@code masks} were drawn in the true boxes, slot for slot
   */
  public static MaskIou of(
      SceneTensors truth, float[] masks, int[] counts, int emptyLabel, boolean ownBoxes) {
    int n = truth.n();
    int pixels = truth.side() * truth.side();
    checkArgument(
        masks.length == truth.masks().length && counts.length == n,
        "%s mask values and %s counts for %s scenes of %s slots of %sx%s",
        masks.length,
        counts.length,
        n,
        truth.slots(),
        truth.side(),
        truth.side());
    float[] boxes = ShapeEvaluator.filledBoxes(truth);
    double instance = 0;
    double boxInstance = 0;
    double global = 0;
    double boxGlobal = 0;
    int objects = 0;
    for (int i = 0; i < n; i++) {
      int trueObjects = truth.count(i, emptyLabel);
      int offset = i * truth.slots() * pixels;
      for (int t = 0; t < trueObjects; t++) {
        int o = offset + t * pixels;
        if (ownBoxes) {
          instance += ShapeEvaluator.iou(masks, o, truth.masks(), o, pixels);
        }
        boxInstance += ShapeEvaluator.iou(boxes, o, truth.masks(), o, pixels);
        objects++;
      }
      global +=
          ShapeEvaluator.unionIou(masks, counts[i], truth.masks(), trueObjects, offset, pixels);
      boxGlobal +=
          ShapeEvaluator.unionIou(boxes, trueObjects, truth.masks(), trueObjects, offset, pixels);
    }
    return new MaskIou(
        ownBoxes && objects > 0 ? instance / objects : null,
        global / n,
        objects == 0 ? Double.NaN : boxInstance / objects,
        boxGlobal / n);
  }
}
