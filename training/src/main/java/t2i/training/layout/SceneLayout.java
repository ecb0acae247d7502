package t2i.training.layout;

import java.util.Arrays;
import java.util.List;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.SceneRecord;

/**
 * What the box generator learns from and is measured on, of one scene: its objects left to right
 * (class, emoji, box), its captions and what each states. Images and masks are left out.
 */
public record SceneLayout(
    String key,
    List<LayoutObject> objects,
    List<String> emojiKeys,
    List<String> captions,
    List<CaptionFacts> facts) {

  public SceneLayout {
    objects = List.copyOf(objects);
    emojiKeys = List.copyOf(emojiKeys);
    captions = List.copyOf(captions);
    facts = List.copyOf(facts);
  }

  public static SceneLayout of(SceneRecord r) {
    return new SceneLayout(
        r.key(),
        r.objects().stream().map(o -> new LayoutObject(o.classId(), o.box())).toList(),
        r.objects().stream().map(SceneRecord.Item::emojiKey).toList(),
        r.captions(),
        r.facts());
  }

  /**
   * The generator's label targets: the classes left to right (at most {@code steps − 1}), then
   * {@code endClass} in every step left.
   */
  public int[] labels(int steps, int endClass) {
    int[] labels = new int[steps];
    Arrays.fill(labels, endClass);
    int n = Math.min(objects.size(), steps - 1);
    for (int i = 0; i < n; i++) {
      labels[i] = objects.get(i).classId();
    }
    return labels;
  }

  /** The generator's box targets, {@code [steps, 4]} row-major, zeros after the last object. */
  public float[] boxes(int steps) {
    float[] boxes = new float[steps * 4];
    int n = Math.min(objects.size(), steps - 1);
    for (int i = 0; i < n; i++) {
      var b = objects.get(i).box();
      boxes[i * 4] = (float) b.x();
      boxes[i * 4 + 1] = (float) b.y();
      boxes[i * 4 + 2] = (float) b.w();
      boxes[i * 4 + 3] = (float) b.h();
    }
    return boxes;
  }
}
