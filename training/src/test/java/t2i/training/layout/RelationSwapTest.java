package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.CaptionFacts.RelationFact;
import t2i.data.scenes.Relation;

class RelationSwapTest {
  static CaptionFacts stating(RelationFact... relations) {
    return new CaptionFacts(
        "relation", List.of(0, 1), List.of(relations), List.of(), List.of(), null);
  }

  @Test
  void theLongestPhraseIsReplacedByTheInversesOfTheSameRank() {
    var s =
        RelationSwap.of(
                "a dog to the left of a red apple, on a snowy field",
                stating(new RelationFact(0, "left of", 1)))
            .orElseThrow();
    assertEquals("a dog to the right of a red apple, on a snowy field", s.caption());
    assertEquals(new RelationFact(0, "right of", 1), s.fact());
    assertEquals(
        "a cat under a bus",
        RelationSwap.of("a cat over a bus", stating(new RelationFact(0, "above", 1)))
            .orElseThrow()
            .caption());
    assertEquals(
        "a cat lower than a bus",
        RelationSwap.of("a cat on top of a bus", stating(new RelationFact(0, "above", 1)))
            .orElseThrow()
            .caption());
  }

  @Test
  void everyPhraseOfEveryRelationSwapsBothWays() {
    for (Relation r : Relation.values()) {
      for (int i = 0; i < r.phrases().size(); i++) {
        String caption = "a dog " + r.phrases().get(i) + " a cat";
        var s = RelationSwap.of(caption, stating(new RelationFact(0, r.label(), 1))).orElseThrow();
        assertEquals("a dog " + r.inverse().phrases().get(i) + " a cat", s.caption());
        var back = RelationSwap.of(s.caption(), stating(s.fact())).orElseThrow();
        assertEquals(caption, back.caption());
      }
    }
  }

  @Test
  void ambiguousCaptionsAreNotProbed() {
    assertTrue(
        RelationSwap.of(
                "a fish under a boat, under the sea", stating(new RelationFact(0, "below", 1)))
            .isEmpty());
    assertTrue(
        RelationSwap.of(
                "a dog left of a cat and above a bus",
                stating(new RelationFact(0, "left of", 1), new RelationFact(0, "above", 2)))
            .isEmpty());
    assertTrue(
        RelationSwap.of("a dog and a cat", stating(new RelationFact(0, "left of", 1))).isEmpty());
  }
}
