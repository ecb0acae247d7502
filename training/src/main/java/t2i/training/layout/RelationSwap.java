package t2i.training.layout;

import java.util.Optional;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.Relation;

/**
 * "A left of B" → "A right of B": a caption stating one relation, rewritten with the inverse
 * relation's phrase of the same rank among the synonyms ({@link Relation#phrases}), so that a box
 * generator that reads word order must flip the layout.
 */
public final class RelationSwap {
  /** The rewritten caption and the fact it states. */
  public record Swapped(String caption, CaptionFacts.RelationFact fact) {}

  private RelationSwap() {}

  /**
   * The rewritten caption, or empty when the caption does not state exactly one relation or its
   * phrase does not occur exactly once as whole words.
   */
  public static Optional<Swapped> of(String caption, CaptionFacts facts) {
    if (facts.relations().size() != 1) {
      return Optional.empty();
    }
    CaptionFacts.RelationFact fact = facts.relations().get(0);
    Relation r = Relation.parse(fact.relation());
    String padded = " " + caption + " ";
    int best = -1;
    for (int i = 0; i < r.phrases().size(); i++) {
      String p = " " + r.phrases().get(i) + " ";
      if (padded.contains(p) && (best < 0 || p.length() > r.phrases().get(best).length() + 2)) {
        best = i;
      }
    }
    if (best < 0) {
      return Optional.empty();
    }
    String phrase = " " + r.phrases().get(best) + " ";
    int at = padded.indexOf(phrase);
    if (padded.indexOf(phrase, at + 1) >= 0) {
      return Optional.empty();
    }
    String inverse = " " + r.inverse().phrases().get(best) + " ";
    String rewritten = padded.substring(0, at) + inverse + padded.substring(at + phrase.length());
    return Optional.of(
        new Swapped(
            rewritten.substring(1, rewritten.length() - 1),
            new CaptionFacts.RelationFact(fact.subject(), r.inverse().label(), fact.object())));
  }
}
