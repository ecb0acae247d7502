package t2i.training.layout;

import java.util.List;
import java.util.Locale;

/**
 * What {@code t2i eval scenes} measured: one {@link SceneMetrics.Row} per condition, the real
 * images first (the ceiling).
 *
 * @param judgeRun the scene judge's run
 * @param judgeStep its checkpoint's step
 * @param judgeValidationClassTop1 the judge's class top-1 on the validation objects
 * @param judgeReliability its twin's cross-style class top-1 (null: no twin)
 * @param embeddingRun the joint embedding's run (null: none given)
 * @param embeddingStep its checkpoint's step
 * @param dataset the scenes dataset
 * @param split the scenes' split
 * @param scenes scenes scored (the split's first)
 * @param candidates captions each image's caption is ranked among (null without an embedding)
 * @param referenceImages the real images the Fréchet distances are taken to
 * @param referenceSplit their split
 * @param seed the captions drawn, the candidates and the baselines
 */
public record SceneEvaluation(
    String judgeRun,
    long judgeStep,
    double judgeValidationClassTop1,
    Double judgeReliability,
    String embeddingRun,
    Long embeddingStep,
    String dataset,
    String split,
    int scenes,
    Integer candidates,
    int referenceImages,
    String referenceSplit,
    long seed,
    List<SceneMetrics.Row> rows) {

  public static final String FILE = "eval-scenes.json";

  public SceneEvaluation {
    rows = List.copyOf(rows);
  }

  public String format() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%d %s scenes of %s, one caption each (seed %d)%n",
            scenes,
            split,
            dataset,
            seed));
    sb.append(
        String.format(
            Locale.ROOT,
            "scene judge %s, step %d: class top-1 on validation objects %s, cross-style"
                + " (reliability) %s%n",
            judgeRun,
            judgeStep,
            pct(judgeValidationClassTop1),
            pct(judgeReliability)));
    if (embeddingRun != null) {
      sb.append(
          String.format(
              Locale.ROOT,
              "joint embedding %s, step %d: R-precision among %d captions (chance %.1f%%),"
                  + " Frechet distance to %d real %s images%n",
              embeddingRun,
              embeddingStep,
              candidates,
              100.0 / candidates,
              referenceImages,
              referenceSplit));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%-34s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %8s%n",
            "",
            "objects",
            "class",
            "emoji",
            "bg",
            "bg nam.",
            "F1",
            "recall",
            "rel.",
            "rel.box",
            "R-prec",
            "FD"));
    for (SceneMetrics.Row r : rows) {
      BoxEvaluation.Group g = r.captionFacts();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-34s %7d %7s %7s %7s %7s %7s %7s %7s %7s %7s %8s%n",
              r.condition(),
              r.objects(),
              pct(r.classTop1()),
              pct(r.emojiTop1()),
              pct(r.backgroundTop1()),
              pct(r.backgroundNamedTop1()),
              pct(g.f1()),
              pct(g.recall()),
              pct(g.relationAccuracy()),
              pct(g.shuffledBoxesAccuracy()),
              pct(r.rPrecision()),
              r.frechet() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.frechet())));
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "%-34s %7s %7s %7s   (objects of the emoji the test split holds out; own layouts only)%n",
            "held-out emoji",
            "objects",
            "class",
            "emoji"));
    for (SceneMetrics.Row r : rows) {
      if (r.heldOutObjects() > 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "%-34s %7d %7s %7s%n",
                r.condition(),
                r.heldOutObjects(),
                pct(r.heldOutClassTop1()),
                pct(r.heldOutEmojiTop1())));
      }
    }
    masks(sb);
    sb.append(
        "class, emoji: the judge's top-1 on the crop at each box of the image's layout (emoji"
            + " only where the layout is the scene's own); bg: background top-1 with the boxes"
            + " blanked, all images; bg nam.: images whose caption names it. Caption"
            + " reconstruction, each image parsed into the judge's class at each box and scored"
            + " against its caption's facts: F1 of objects (captions naming every object), recall"
            + " (all captions), rel.: stated relations that hold, rel.box: the same with the"
            + " parse's boxes shuffled among its objects (baseline). R-prec: the caption ranks"
            + " first among the candidates in the joint embedding. FD: Frechet distance of the"
            + " images' embeddings to the reference real images' (the real row's is the floor).\n");
    return sb.toString();
  }

  /** The mask IoU of the rows drawn with masks, and the filled true boxes as the baseline. */
  private void masks(StringBuilder sb) {
    List<SceneMetrics.Row> withMasks = rows.stream().filter(r -> r.masks() != null).toList();
    if (withMasks.isEmpty()) {
      return;
    }
    String line = "%-34s %7s %7s%n";
    sb.append(
        String.format(
            Locale.ROOT,
            "%-34s %7s %7s   (masks thresholded at 1/2 against the true masks)%n",
            "mask IoU",
            "inst.",
            "global"));
    for (SceneMetrics.Row r : withMasks) {
      sb.append(
          String.format(
              Locale.ROOT,
              line,
              r.condition(),
              pct(r.masks().instance()),
              pct(r.masks().global())));
    }
    MaskIou baseline = withMasks.get(0).masks();
    sb.append(
        String.format(
            Locale.ROOT,
            line,
            "true boxes filled (baseline)",
            pct(baseline.filledBoxInstance()),
            pct(baseline.filledBoxGlobal())));
  }

  private static String pct(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
