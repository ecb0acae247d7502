package t2i.training.layout;

import java.util.Locale;
import java.util.Map;

/**
 * What {@code t2i eval boxes} measured; saved as the run's {@code eval-boxes.json}.
 *
 * @param run the run folder
 * @param step the checkpoint's step
 * @param split the scenes' split
 * @param scenes scenes evaluated
 * @param captions their captions
 * @param layoutsPerCaption layouts sampled for each caption
 * @param temperature the sampling temperature
 * @param nll the teacher-forced loss of the captions' true layouts
 * @param sampled every (caption, sampled layout) pair
 * @param byHoldout the same, by what the caption's scene holds out: seen emoji, held-out emoji,
 *     held-out combinations (a caption stating a held-out relation combination counts there)
 * @param trueLayouts the scenes' own layouts scored the same way: the ceiling of every figure
 * @param swap the relation-swap probe
 */
public record BoxEvaluation(
    String run,
    long step,
    String split,
    int scenes,
    int captions,
    int layoutsPerCaption,
    float temperature,
    LayoutModel.Nll nll,
    Group sampled,
    Map<String, Group> byHoldout,
    Group trueLayouts,
    Swap swap) {

  public static final String FILE = "eval-boxes.json";
  public static final String SEEN = "seen emoji";
  public static final String HELD_OUT_EMOJI = "held-out emoji";
  public static final String HELD_OUT_COMBINATIONS = "held-out combinations";

  /**
   * Figures of a set of (caption, layout) pairs; a share is null when nothing was counted.
   *
   * @param pairs (caption, layout) pairs
   * @param recall share of the objects captions mention that the layout has (by class)
   * @param completePairs pairs whose caption names every object of its scene
   * @param precision of those: share of the layout's objects that the caption mentions
   * @param completeRecall of those: recall
   * @param f1 of those: the harmonic mean of precision and recall
   * @param countAccuracy of those: share of layouts with exactly the caption's number of objects
   * @param relations stated relations scored (between objects of different classes)
   * @param relationAccuracy share of them that hold on the layout
   * @param shuffledLayoutAccuracy the same on a layout sampled for another caption of the split
   * @param shuffledBoxesAccuracy the same with each layout's boxes shuffled among its objects
   * @param relationAccuracyWhenPresent relation accuracy over the pairs whose layout has objects of
   *     both classes the relation names
   * @param sameClassRelations stated relations not scored (two objects of one class)
   * @param positions stated absolute positions
   * @param positionAccuracy share of them that hold on the layout
   */
  public record Group(
      long pairs,
      Double recall,
      long completePairs,
      Double precision,
      Double completeRecall,
      Double f1,
      Double countAccuracy,
      long relations,
      Double relationAccuracy,
      Double shuffledLayoutAccuracy,
      Double shuffledBoxesAccuracy,
      Double relationAccuracyWhenPresent,
      long sameClassRelations,
      long positions,
      Double positionAccuracy) {}

  /**
   * The relation-swap probe on captions stating one relation ("A left of B"), each rewritten with
   * the inverse phrase ("A right of B"), the same seeds for both.
   *
   * @param captions captions probed
   * @param original share of layouts where the stated relation holds
   * @param swapped share of the rewritten captions' layouts where the inverse holds
   * @param both share of seeds where both hold: the layout flips with the words
   */
  public record Swap(long captions, double original, double swapped, double both) {}

  /** The table {@code t2i eval boxes} prints. */
  public String format() {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%s, step %d: %d %s scenes, %d captions, %d layouts each, temperature %s%n",
            run,
            step,
            scenes,
            split,
            captions,
            layoutsPerCaption,
            temperature));
    s.append(
        String.format(
            Locale.ROOT,
            "held-out loss of the true layouts: %.3f (label %.3f, box %.3f)%n",
            nll.total(),
            nll.label(),
            nll.box()));
    s.append(
        String.format(
            Locale.ROOT,
            "%-22s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s %7s%n",
            "",
            "pairs",
            "recall",
            "prec.",
            "F1",
            "count",
            "rel.",
            "other",
            "boxes",
            "present",
            "rel. n",
            "pos."));
    row(s, "sampled layouts", sampled);
    for (Map.Entry<String, Group> g : byHoldout.entrySet()) {
      row(s, "  " + g.getKey(), g.getValue());
    }
    row(s, "true layouts", trueLayouts);
    s.append(
        String.format(
            Locale.ROOT,
            "relation swap (%d captions): stated relation holds %s, rewritten inverse holds %s,"
                + " both (the layout flips) %s%n",
            swap.captions(),
            pct(swap.original()),
            pct(swap.swapped()),
            pct(swap.both())));
    s.append(
        String.format(
            Locale.ROOT,
            "rel.: stated relations that hold; other: on a layout sampled for another caption (the"
                + " shuffled-layout baseline); boxes: on the layout with its boxes shuffled among"
                + " its objects; present: rel. where the layout has both classes. Precision, F1"
                + " and count: on captions naming every object of their scene. Relations between"
                + " two objects of one class are not scored (%d).%n",
            sampled.sameClassRelations()));
    return s.toString();
  }

  private static void row(StringBuilder s, String name, Group g) {
    s.append(
        String.format(
            Locale.ROOT,
            "%-22s %7d %7s %7s %7s %7s %7s %7s %7s %7s %7d %7s%n",
            name,
            g.pairs(),
            pct(g.recall()),
            pct(g.precision()),
            pct(g.f1()),
            pct(g.countAccuracy()),
            pct(g.relationAccuracy()),
            pct(g.shuffledLayoutAccuracy()),
            pct(g.shuffledBoxesAccuracy()),
            pct(g.relationAccuracyWhenPresent()),
            g.relations(),
            pct(g.positionAccuracy())));
  }

  private static String pct(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
