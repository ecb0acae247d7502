package t2i.training.layout;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import t2i.data.scenes.CaptionFacts;

/** Counts of a set of (caption, sampled layout) pairs against the captions' facts. */
final class FactTally {
  private long pairs;
  private long mentioned;
  private long recalled;
  private long completePairs;
  private long completePredicted;
  private long completeMatched;
  private long completeMentioned;
  private long countExact;
  private long relations;
  private long relationsHeld;
  private long shuffledHeld;
  private long otherHeld;
  private long bothClassesPresent;
  private long heldWhenPresent;
  private long sameClassSkipped;
  private long positions;
  private long positionsHeld;

  /**
   * Scores one layout sampled for one caption beside two baselines for its relations: a layout
   * sampled for another caption of the split (the shuffled-layout baseline), and the same layout
   * with its boxes shuffled among its objects, labels kept (right objects, places that owe nothing
   * to the stated relations).
   */
  void add(
      SceneLayout scene,
      CaptionFacts facts,
      List<LayoutObject> layout,
      List<LayoutObject> otherLayout,
      SplittableRandom random) {
    pairs++;
    Map<Integer, Integer> m = LayoutFacts.mentioned(scene, facts);
    int matched = LayoutFacts.matches(m, layout);
    mentioned += facts.objects().size();
    recalled += matched;
    if (LayoutFacts.complete(scene, facts)) {
      completePairs++;
      completePredicted += layout.size();
      completeMatched += matched;
      completeMentioned += facts.objects().size();
      if (layout.size() == facts.objects().size()) {
        countExact++;
      }
    }
    List<LayoutObject> shuffled = shuffledBoxes(layout, random);
    for (CaptionFacts.RelationFact r : facts.relations()) {
      Optional<Boolean> held = LayoutFacts.relationHolds(scene, r, layout);
      if (held.isEmpty()) {
        sameClassSkipped++;
        continue;
      }
      relations++;
      relationsHeld += held.get() ? 1 : 0;
      shuffledHeld += LayoutFacts.relationHolds(scene, r, shuffled).orElseThrow() ? 1 : 0;
      otherHeld += LayoutFacts.relationHolds(scene, r, otherLayout).orElseThrow() ? 1 : 0;
      if (LayoutFacts.bothClassesPresent(scene, r, layout)) {
        bothClassesPresent++;
        heldWhenPresent += held.get() ? 1 : 0;
      }
    }
    for (CaptionFacts.PositionFact p : facts.positions()) {
      positions++;
      positionsHeld += LayoutFacts.positionHolds(scene, p, layout) ? 1 : 0;
    }
  }

  static List<LayoutObject> shuffledBoxes(List<LayoutObject> layout, SplittableRandom random) {
    int n = layout.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    LayoutObject[] out = new LayoutObject[n];
    for (int i = 0; i < n; i++) {
      out[i] = new LayoutObject(layout.get(i).classId(), layout.get(order[i]).box());
    }
    return List.of(out);
  }

  BoxEvaluation.Group group() {
    Double recall = ratio(recalled, mentioned);
    Double precision = ratio(completeMatched, completePredicted);
    Double completeRecall = ratio(completeMatched, completeMentioned);
    return new BoxEvaluation.Group(
        pairs,
        recall,
        completePairs,
        precision,
        completeRecall,
        f1(precision, completeRecall),
        ratio(countExact, completePairs),
        relations,
        ratio(relationsHeld, relations),
        ratio(otherHeld, relations),
        ratio(shuffledHeld, relations),
        ratio(heldWhenPresent, bothClassesPresent),
        sameClassSkipped,
        positions,
        ratio(positionsHeld, positions));
  }

  private static Double ratio(long a, long b) {
    return b == 0 ? null : (double) a / b;
  }

  private static Double f1(Double p, Double r) {
    if (p == null || r == null) {
      return null;
    }
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
