package t2i.training.layout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.Region;
import t2i.data.scenes.Relation;

/**
 * Whether a layout shows what a caption states. A layout names classes, not emoji, so the caption's
 * objects are matched to the layout's by class: objects by multiset (each of the layout's objects
 * matches at most one mentioned object), a relation holds when some object of the subject's class
 * and some of the object's class stand in it ({@link Relation#holds}, on box centres), a position
 * when some object of the class lies in the region. A relation between two objects of one class is
 * not scored: nothing in a layout says which is which.
 */
public final class LayoutFacts {
  private LayoutFacts() {}

  /** The classes of the objects the caption mentions, with their counts. */
  public static Map<Integer, Integer> mentioned(SceneLayout scene, CaptionFacts facts) {
    Map<Integer, Integer> counts = new HashMap<>();
    for (int i : facts.objects()) {
      counts.merge(scene.objects().get(i).classId(), 1, Integer::sum);
    }
    return counts;
  }

  /** Objects of the layout that match a mentioned object, class by class. */
  public static int matches(Map<Integer, Integer> mentioned, List<LayoutObject> layout) {
    Map<Integer, Integer> predicted = new HashMap<>();
    for (LayoutObject o : layout) {
      predicted.merge(o.classId(), 1, Integer::sum);
    }
    int m = 0;
    for (var e : mentioned.entrySet()) {
      m += Math.min(e.getValue(), predicted.getOrDefault(e.getKey(), 0));
    }
    return m;
  }

  /** Whether the caption names every object of its scene (so extra objects are errors). */
  public static boolean complete(SceneLayout scene, CaptionFacts facts) {
    return facts.objects().size() == scene.objects().size();
  }

  /** Whether the relation is scored: its two objects are of different classes. */
  public static boolean scored(SceneLayout scene, CaptionFacts.RelationFact fact) {
    return scene.objects().get(fact.subject()).classId()
        != scene.objects().get(fact.object()).classId();
  }

  /**
   * Whether the layout shows the stated relation, or empty when the relation is between two objects
   * of one class.
   */
  public static Optional<Boolean> relationHolds(
      SceneLayout scene, CaptionFacts.RelationFact fact, List<LayoutObject> layout) {
    if (!scored(scene, fact)) {
      return Optional.empty();
    }
    int a = scene.objects().get(fact.subject()).classId();
    int b = scene.objects().get(fact.object()).classId();
    Relation r = Relation.parse(fact.relation());
    for (LayoutObject x : layout) {
      if (x.classId() != a) {
        continue;
      }
      for (LayoutObject y : layout) {
        if (y.classId() == b && r.holds(x.box(), y.box())) {
          return Optional.of(true);
        }
      }
    }
    return Optional.of(false);
  }

  /** Whether the layout has an object of each class the relation names. */
  public static boolean bothClassesPresent(
      SceneLayout scene, CaptionFacts.RelationFact fact, List<LayoutObject> layout) {
    int a = scene.objects().get(fact.subject()).classId();
    int b = scene.objects().get(fact.object()).classId();
    return layout.stream().anyMatch(o -> o.classId() == a)
        && layout.stream().anyMatch(o -> o.classId() == b);
  }

  /** Whether some object of the stated object's class lies in the stated region. */
  public static boolean positionHolds(
      SceneLayout scene, CaptionFacts.PositionFact fact, List<LayoutObject> layout) {
    int c = scene.objects().get(fact.object()).classId();
    Region region = Region.parse(fact.region());
    return layout.stream().anyMatch(o -> o.classId() == c && Region.of(o.box()) == region);
  }
}
