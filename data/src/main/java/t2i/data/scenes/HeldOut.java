package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the test split holds out: a share of each class's emoji and a share of the (class, relation,
 * class) combinations. Trainval and validation scenes show neither; every test scene shows at least
 * one.
 *
 * @param emoji held-out emoji keys
 * @param combinations held-out combinations, canonical ({@code left of} and {@code above} only, as
 *     {@code "fruit|left of|bird"}); a combination's inverse is held out with it
 */
public record HeldOut(Set<String> emoji, Set<String> combinations) {
  public HeldOut {
    // Sorted, so that whatever iterates them does so in the same order on every run.
    emoji = Collections.unmodifiableSortedSet(new TreeSet<>(emoji));
    combinations = Collections.unmodifiableSortedSet(new TreeSet<>(combinations));
  }

  /**
   * Chooses round({@code emojiFraction} × n) emoji of each class of n (at least one if the class
   * has two or more) and round({@code combinationFraction} × 2L²) combinations, from a seed.
   */
  public static HeldOut choose(
      List<SceneClass> classes,
      List<SceneEmoji> emoji,
      double emojiFraction,
      double combinationFraction,
      long seed) {
    checkArgument(emojiFraction >= 0 && emojiFraction < 1, "emoji fraction %s", emojiFraction);
    checkArgument(
        combinationFraction >= 0 && combinationFraction < 1,
        "combination fraction %s",
        combinationFraction);
    Random random = new Random(seed);
    Set<String> heldEmoji = new TreeSet<>();
    for (int c = 0; c < classes.size(); c++) {
      int classId = c;
      List<String> keys =
          new ArrayList<>(
              emoji.stream()
                  .filter(e -> e.classId() == classId)
                  .map(SceneEmoji::key)
                  .sorted()
                  .toList());
      Collections.shuffle(keys, random);
      int n = (int) Math.round(emojiFraction * keys.size());
      if (n == 0 && keys.size() >= 2 && emojiFraction > 0) {
        n = 1;
      }
      heldEmoji.addAll(keys.subList(0, n));
    }
    List<String> combos = new ArrayList<>();
    for (SceneClass a : classes) {
      for (Relation r : List.of(Relation.LEFT_OF, Relation.ABOVE)) {
        for (SceneClass b : classes) {
          combos.add(key(a.name(), r, b.name()));
        }
      }
    }
    Collections.shuffle(combos, random);
    int n = (int) Math.round(combinationFraction * combos.size());
    return new HeldOut(heldEmoji, new TreeSet<>(combos.subList(0, n)));
  }

  /** The canonical key of "a r b". */
  public static String key(String classA, Relation r, String classB) {
    return r.isCanonical()
        ? classA + "|" + r.label() + "|" + classB
        : classB + "|" + r.inverse().label() + "|" + classA;
  }

  /** The held-out combinations that hold between some two objects of the scene. */
  public Set<String> combinationsIn(List<SceneObject> objects, List<SceneClass> classes) {
    Set<String> found = new TreeSet<>();
    for (SceneObject a : objects) {
      for (SceneObject b : objects) {
        if (a == b) {
          continue;
        }
        for (Relation r : List.of(Relation.LEFT_OF, Relation.ABOVE)) {
          if (r.holds(a.box(), b.box())) {
            String k = key(classes.get(a.classId()).name(), r, classes.get(b.classId()).name());
            if (combinations.contains(k)) {
              found.add(k);
            }
          }
        }
      }
    }
    return found;
  }

  /** Whether the scene shows a held-out emoji or combination. */
  public boolean touches(List<SceneObject> objects, List<SceneClass> classes) {
    return objects.stream().anyMatch(o -> emoji.contains(o.emojiKey()))
        || !combinationsIn(objects, classes).isEmpty();
  }
}
