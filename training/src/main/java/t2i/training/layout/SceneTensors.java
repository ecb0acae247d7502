package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.image.Images;
import t2i.data.scenes.MaskPng;
import t2i.data.scenes.SceneRecord;

/**
 * A batch of scenes as the layout stages' inputs, row-major: images {@code [N, side, side, 3]} in
 * [−1, 1], labels {@code [N, slots]} (the empty label after the last object), boxes {@code [N,
 * slots, 4]} (zeros in empty slots) and visible masks {@code [N, slots, side, side]} in {0, 1}.
 * Objects beyond {@code slots} are dropped (the box generator's T_max − 1 bounds them too).
 */
public record SceneTensors(
    int n, int slots, int side, float[] images, int[] labels, float[] boxes, float[] masks) {

  /**
   * @param emptyLabel the label of a slot without an object ({@code LayoutTensors.emptyLabel})
   */
  public static SceneTensors of(List<SceneRecord> scenes, int slots, int emptyLabel) {
    return of(scenes, slots, emptyLabel, true);
  }

  /** The layouts and masks alone: {@link #images()} is empty, no image is decoded. */
  public static SceneTensors layoutsOf(List<SceneRecord> scenes, int slots, int emptyLabel) {
    return of(scenes, slots, emptyLabel, false);
  }

  private static SceneTensors of(
      List<SceneRecord> scenes, int slots, int emptyLabel, boolean withImages) {
    checkArgument(!scenes.isEmpty(), "no scenes");
    checkArgument(slots >= 1, "slots must be >= 1, was %s", slots);
    int n = scenes.size();
    int side = scenes.get(0).size();
    int pixels = side * side;
    float[] images = new float[withImages ? n * pixels * 3 : 0];
    int[] labels = new int[n * slots];
    float[] boxes = new float[n * slots * 4];
    float[] masks = new float[n * slots * pixels];
    Arrays.fill(labels, emptyLabel);
    for (int i = 0; i < n; i++) {
      SceneRecord r = scenes.get(i);
      checkArgument(r.size() == side, "scene %s is %s px, not %s", r.key(), r.size(), side);
      if (withImages) {
        byte[] rgb = Images.rgbBytes(Images.decodeOnWhite(r.png(), r.key()));
        for (int p = 0; p < rgb.length; p++) {
          images[i * pixels * 3 + p] = (rgb[p] & 0xff) / 127.5f - 1f;
        }
      }
      List<SceneRecord.Item> objects = r.objects();
      for (int t = 0; t < Math.min(slots, objects.size()); t++) {
        SceneRecord.Item o = objects.get(t);
        int slot = i * slots + t;
        labels[slot] = o.classId();
        boxes[slot * 4] = (float) o.box().x();
        boxes[slot * 4 + 1] = (float) o.box().y();
        boxes[slot * 4 + 2] = (float) o.box().w();
        boxes[slot * 4 + 3] = (float) o.box().h();
        boolean[] mask = MaskPng.decode(o.maskPng());
        checkArgument(mask.length == pixels, "scene %s: a mask is not %s px", r.key(), side);
        for (int p = 0; p < pixels; p++) {
          masks[slot * pixels + p] = mask[p] ? 1f : 0f;
        }
      }
    }
    return new SceneTensors(n, slots, side, images, labels, boxes, masks);
  }

  public TInt32 labelTensor() {
    return TInt32.tensorOf(Shape.of(n, slots), DataBuffers.of(labels, true, false));
  }

  public TFloat32 boxTensor() {
    return TFloat32.tensorOf(Shape.of(n, slots, 4), DataBuffers.of(boxes, true, false));
  }

  public TFloat32 maskTensor() {
    return TFloat32.tensorOf(Shape.of(n, slots, side, side), DataBuffers.of(masks, true, false));
  }

  /** Objects in scene {@code i} (slots whose label is below {@code emptyLabel}). */
  public int count(int i, int emptyLabel) {
    int c = 0;
    for (int t = 0; t < slots; t++) {
      int l = labels[i * slots + t];
      if (l >= 0 && l < emptyLabel) {
        c++;
      }
    }
    return c;
  }
}
