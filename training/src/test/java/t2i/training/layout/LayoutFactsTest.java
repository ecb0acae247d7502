package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import t2i.data.scenes.Box;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.CaptionFacts.PositionFact;
import t2i.data.scenes.CaptionFacts.RelationFact;

class LayoutFactsTest {
  static final int DOG = 0;
  static final int APPLE = 7;
  static final int CAT = 0; // another mammal

  /** A dog (left), an apple (middle), a cat (right, high). */
  static final SceneLayout SCENE =
      new SceneLayout(
          "s",
          List.of(
              new LayoutObject(DOG, new Box(0.05, 0.5, 0.2, 0.2)),
              new LayoutObject(APPLE, new Box(0.4, 0.6, 0.2, 0.2)),
              new LayoutObject(CAT, new Box(0.7, 0.05, 0.2, 0.2))),
          List.of("dog", "apple", "cat"),
          List.of("c"),
          List.of(facts(List.of(0, 1, 2), List.of(), List.of())));

  static CaptionFacts facts(
      List<Integer> objects, List<RelationFact> relations, List<PositionFact> positions) {
    return new CaptionFacts("t", objects, relations, List.of(), positions, null);
  }

  static LayoutObject at(int classId, double x, double y) {
    return new LayoutObject(classId, new Box(x, y, 0.1, 0.1));
  }

  @Test
  void objectsMatchByClassEachAtMostOnce() {
    Map<Integer, Integer> mentioned =
        LayoutFacts.mentioned(SCENE, facts(List.of(0, 1, 2), List.of(), List.of()));
    assertEquals(Map.of(DOG, 2, APPLE, 1), mentioned);
    assertEquals(3, LayoutFacts.matches(mentioned, SCENE.objects()));
    // one mammal, two apples: one mammal and one apple match
    assertEquals(
        2,
        LayoutFacts.matches(
            mentioned, List.of(at(DOG, 0, 0), at(APPLE, 0.5, 0), at(APPLE, 0.7, 0))));
    assertEquals(0, LayoutFacts.matches(mentioned, List.of(at(5, 0, 0))));
  }

  @Test
  void aCaptionIsCompleteWhenItNamesEveryObject() {
    assertTrue(LayoutFacts.complete(SCENE, facts(List.of(0, 1, 2), List.of(), List.of())));
    assertFalse(LayoutFacts.complete(SCENE, facts(List.of(0, 1), List.of(), List.of())));
  }

  @Test
  void aRelationHoldsWhenSomeObjectsOfItsClassesStandInIt() {
    RelationFact dogLeftOfApple = new RelationFact(0, "left of", 1);
    assertEquals(
        Optional.of(true), LayoutFacts.relationHolds(SCENE, dogLeftOfApple, SCENE.objects()));
    assertEquals(
        Optional.of(false),
        LayoutFacts.relationHolds(
            SCENE, dogLeftOfApple, List.of(at(DOG, 0.8, 0), at(APPLE, 0.1, 0))));
    // centres 0.05 apart: too close to be stated, so it does not hold
    assertEquals(
        Optional.of(false),
        LayoutFacts.relationHolds(
            SCENE, dogLeftOfApple, List.of(at(DOG, 0.4, 0), at(APPLE, 0.45, 0))));
    assertEquals(
        Optional.of(false),
        LayoutFacts.relationHolds(SCENE, dogLeftOfApple, List.of(at(DOG, 0, 0))));
    RelationFact appleBelowCat = new RelationFact(1, "below", 2);
    assertEquals(
        Optional.of(true), LayoutFacts.relationHolds(SCENE, appleBelowCat, SCENE.objects()));
  }

  @Test
  void relationsBetweenObjectsOfOneClassAreNotScored() {
    RelationFact dogLeftOfCat = new RelationFact(0, "left of", 2);
    assertFalse(LayoutFacts.scored(SCENE, dogLeftOfCat));
    assertEquals(Optional.empty(), LayoutFacts.relationHolds(SCENE, dogLeftOfCat, SCENE.objects()));
  }

  @Test
  void positionsAreTheRegionOfSomeObjectOfTheClass() {
    assertTrue(LayoutFacts.positionHolds(SCENE, new PositionFact(2, "top right"), SCENE.objects()));
    assertFalse(
        LayoutFacts.positionHolds(SCENE, new PositionFact(1, "top right"), SCENE.objects()));
    assertTrue(LayoutFacts.positionHolds(SCENE, new PositionFact(1, "bottom"), SCENE.objects()));
  }

  @Test
  void bothClassesPresentLooksAtClassesOnly() {
    RelationFact dogLeftOfApple = new RelationFact(0, "left of", 1);
    assertTrue(
        LayoutFacts.bothClassesPresent(
            SCENE, dogLeftOfApple, List.of(at(APPLE, 0, 0), at(DOG, 0.5, 0))));
    assertFalse(LayoutFacts.bothClassesPresent(SCENE, dogLeftOfApple, List.of(at(DOG, 0, 0))));
  }
}
