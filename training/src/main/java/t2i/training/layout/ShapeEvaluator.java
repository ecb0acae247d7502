package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;

/**
 * Measures a shape generator on true layouts (LAYOUT_SPEC §8): masks drawn from each scene's true
 * boxes, thresholded at ½, against the true visible masks.
 *
 * <ul>
 *   <li>instance IoU, averaged over objects, and by class;
 *   <li>global IoU: the union of a scene's masks against the union of its true masks;
 *   <li>the filled-box baseline: the same IoUs with each mask its whole box (a generator that drew
 *       nothing but boxes), so the figures say what shapes add;
 *   <li>diversity: 1 − IoU between the masks of two seeds, averaged over objects (0: the noise
 *       changes nothing);
 *   <li>the {@link MaskClassifier}'s class top-1 on the masks, fitted on the true masks of the
 *       first {@value #REFERENCE_SCENES} trainval scenes: the true masks give its ceiling, the
 *       filled boxes its shape-free baseline.
 * </ul>
 */
public final class ShapeEvaluator {
  static final float THRESHOLD = 0.5f;
  static final int REFERENCE_SCENES = 5000;
  private static final int CHUNK = 256;

  private final ShapesModel model;

  public ShapeEvaluator(ShapesModel model) {
    this.model = model;
  }

  /**
   * @param seed layouts use seeds {@code seed + i} and, for diversity, {@code seed + i + n}
   */
  public ShapeEvaluation evaluate(List<SceneRecord> scenes, long seed, Progress progress) {
    checkArgument(!scenes.isEmpty(), "no scenes to evaluate");
    List<String> classes = model.config().classNames();
    Tally instance = new Tally();
    Tally global = new Tally();
    Tally boxInstance = new Tally();
    Tally boxGlobal = new Tally();
    Tally diversity = new Tally();
    Map<Integer, Tally> byClass = new LinkedHashMap<>();
    MaskClassifier classifier = referenceMasks(progress);
    Tally classTrue = new Tally();
    Tally classPredicted = new Tally();
    Tally classBox = new Tally();
    int n = scenes.size();
    progress.start("masks of " + n + " scenes", n);
    for (int start = 0; start < n; start += CHUNK) {
      List<SceneRecord> chunk = scenes.subList(start, Math.min(n, start + CHUNK));
      SceneTensors layouts = model.layouts(chunk);
      long[] a = new long[chunk.size()];
      long[] b = new long[chunk.size()];
      for (int i = 0; i < a.length; i++) {
        a[i] = seed + start + i;
        b[i] = seed + start + i + n;
      }
      float[] first = model.masks(layouts, a);
      float[] second = model.masks(layouts, b);
      float[] boxes = filledBoxes(layouts);
      int pixels = layouts.side() * layouts.side();
      for (int i = 0; i < chunk.size(); i++) {
        int objects = layouts.count(i, model.config().emptyLabel());
        for (int t = 0; t < objects; t++) {
          int offset = (i * layouts.slots() + t) * pixels;
          double iou = iou(first, offset, layouts.masks(), offset, pixels);
          instance.add(iou);
          byClass
              .computeIfAbsent(layouts.labels()[i * layouts.slots() + t], k -> new Tally())
              .add(iou);
          boxInstance.add(iou(boxes, offset, layouts.masks(), offset, pixels));
          diversity.add(1 - iou(first, offset, second, offset, pixels));
          int slot = i * layouts.slots() + t;
          int label = layouts.labels()[slot];
          int side = layouts.side();
          float[] at = layouts.boxes();
          classTrue.add(hit(classifier.classify(layouts.masks(), offset, side, at, slot), label));
          classPredicted.add(hit(classifier.classify(first, offset, side, at, slot), label));
          classBox.add(hit(classifier.classify(boxes, offset, side, at, slot), label));
        }
        int sceneOffset = i * layouts.slots() * pixels;
        global.add(unionIou(first, layouts.masks(), sceneOffset, objects, pixels));
        boxGlobal.add(unionIou(boxes, layouts.masks(), sceneOffset, objects, pixels));
      }
      progress.advance(chunk.size());
    }
    progress.finish();
    Map<String, Double> perClass = new LinkedHashMap<>();
    byClass.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> perClass.put(classes.get(e.getKey()), e.getValue().mean()));
    return new ShapeEvaluation(
        n,
        instance.count,
        instance.mean(),
        global.mean(),
        boxInstance.mean(),
        boxGlobal.mean(),
        diversity.mean(),
        perClass,
        model.checkpoint().step(),
        classifier.references(),
        classTrue.mean(),
        classPredicted.mean(),
        classBox.mean());
  }

  private static double hit(int predicted, int label) {
    return predicted == label ? 1 : 0;
  }

  /** The mask classifier fitted on the true masks of the first trainval scenes. */
  private MaskClassifier referenceMasks(Progress progress) {
    ShapesConfig c = model.config();
    List<SceneRecord> trainval = SceneDataset.open(Path.of(c.dataset())).read(Split.TRAINVAL);
    List<SceneRecord> reference = trainval.subList(0, Math.min(REFERENCE_SCENES, trainval.size()));
    MaskClassifier.Builder b = new MaskClassifier.Builder(c.classNames().size());
    progress.start("reference masks of " + reference.size() + " trainval scenes", reference.size());
    for (int start = 0; start < reference.size(); start += CHUNK) {
      List<SceneRecord> chunk = reference.subList(start, Math.min(reference.size(), start + CHUNK));
      b.add(model.layouts(chunk), c.emptyLabel());
      progress.advance(chunk.size());
    }
    progress.finish();
    return b.build();
  }

  /** Each object's whole box as its mask, by the box tensors' pixel-centre rule. */
  static float[] filledBoxes(SceneTensors layouts) {
    int side = layouts.side();
    float[] out = new float[layouts.masks().length];
    for (int slot = 0; slot < layouts.n() * layouts.slots(); slot++) {
      float x = layouts.boxes()[slot * 4];
      float y = layouts.boxes()[slot * 4 + 1];
      float w = layouts.boxes()[slot * 4 + 2];
      float h = layouts.boxes()[slot * 4 + 3];
      for (int r = 0; r < side; r++) {
        float cy = (r + 0.5f) / side;
        for (int c = 0; c < side; c++) {
          float cx = (c + 0.5f) / side;
          if (cx >= x && cx < x + w && cy >= y && cy < y + h) {
            out[slot * side * side + r * side + c] = 1f;
          }
        }
      }
    }
    return out;
  }

  /** IoU of two masks thresholded at ½; 1 when both are empty. */
  static double iou(float[] a, int aOffset, float[] b, int bOffset, int pixels) {
    int inter = 0;
    int union = 0;
    for (int p = 0; p < pixels; p++) {
      boolean x = a[aOffset + p] > THRESHOLD;
      boolean y = b[bOffset + p] > THRESHOLD;
      inter += x && y ? 1 : 0;
      union += x || y ? 1 : 0;
    }
    return union == 0 ? 1 : inter / (double) union;
  }

  /** IoU of the unions of a scene's first {@code objects} masks. */
  static double unionIou(float[] a, float[] b, int offset, int objects, int pixels) {
    return unionIou(a, objects, b, objects, offset, pixels);
  }

  /** IoU of the union of a scene's first {@code aObjects} masks in a and {@code bObjects} in b. */
  static double unionIou(float[] a, int aObjects, float[] b, int bObjects, int offset, int pixels) {
    int inter = 0;
    int union = 0;
    for (int p = 0; p < pixels; p++) {
      boolean x = false;
      boolean y = false;
      for (int t = 0; t < aObjects; t++) {
        x |= a[offset + t * pixels + p] > THRESHOLD;
      }
      for (int t = 0; t < bObjects; t++) {
        y |= b[offset + t * pixels + p] > THRESHOLD;
      }
      inter += x && y ? 1 : 0;
      union += x || y ? 1 : 0;
    }
    return union == 0 ? 1 : inter / (double) union;
  }

  private static final class Tally {
    double sum;
    int count;

    void add(double v) {
      sum += v;
      count++;
    }

    double mean() {
      return count == 0 ? Double.NaN : sum / count;
    }
  }
}
