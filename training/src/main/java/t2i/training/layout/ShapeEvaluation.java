package t2i.training.layout;

import java.util.Locale;
import java.util.Map;

/**
 * What {@link ShapeEvaluator} measured (IoUs of masks thresholded at ½); {@code t2i eval shapes}
 * saves it as the run's {@code eval-shapes.json}.
 *
 * @param scenes scenes evaluated
 * @param objects objects evaluated
 * @param instanceIou mean IoU of each object's mask with its true visible mask
 * @param globalIou mean IoU of a scene's union of masks with the true union
 * @param boxInstanceIou the same for the filled-box baseline
 * @param boxGlobalIou the same for the filled-box baseline
 * @param diversity mean 1 − IoU between two seeds' masks of an object
 * @param instanceIouByClass mean instance IoU per class
 * @param step the checkpoint's step
 * @param maskReferences true trainval masks the {@link MaskClassifier} votes with (null in files
 *     written before it)
 * @param maskClassTrue its class top-1 on the true masks (the ceiling)
 * @param maskClassPredicted on the generated masks
 * @param maskClassFilledBox on the filled boxes (no shape: the baseline)
 */
public record ShapeEvaluation(
    int scenes,
    int objects,
    double instanceIou,
    double globalIou,
    double boxInstanceIou,
    double boxGlobalIou,
    double diversity,
    Map<String, Double> instanceIouByClass,
    long step,
    Integer maskReferences,
    Double maskClassTrue,
    Double maskClassPredicted,
    Double maskClassFilledBox) {

  public static final String FILE = "eval-shapes.json";

  public ShapeEvaluation {
    instanceIouByClass = Map.copyOf(instanceIouByClass);
  }

  /** A table for the console. */
  public String format() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%d scenes, %d objects, checkpoint step %d (masks thresholded at 0.5)%n",
            scenes,
            objects,
            step));
    s.append(String.format(Locale.ROOT, "%-22s %10s %10s%n", "", "instance", "global"));
    s.append(
        String.format(
            Locale.ROOT, "%-22s %9.1f%% %9.1f%%%n", "IoU", 100 * instanceIou, 100 * globalIou));
    s.append(
        String.format(
            Locale.ROOT,
            "%-22s %9.1f%% %9.1f%%%n",
            "filled boxes (baseline)",
            100 * boxInstanceIou,
            100 * boxGlobalIou));
    s.append(
        String.format(Locale.ROOT, "diversity between seeds (1 - IoU): %.1f%%%n", 100 * diversity));
    if (maskReferences != null) {
      s.append(
          String.format(
              Locale.ROOT,
              "mask classifier (%d-NN on %dx%d box crops of %,d true trainval masks), class"
                  + " top-1: true masks %.1f%% (ceiling), generated %.1f%%, filled boxes %.1f%%"
                  + " (no shape)%n",
              MaskClassifier.K,
              MaskClassifier.SIDE,
              MaskClassifier.SIDE,
              maskReferences,
              100 * maskClassTrue,
              100 * maskClassPredicted,
              100 * maskClassFilledBox));
    }
    s.append("instance IoU by class:\n");
    instanceIouByClass.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                s.append(
                    String.format(
                        Locale.ROOT, "  %-14s %5.1f%%%n", e.getKey(), 100 * e.getValue())));
    return s.toString();
  }
}
