package t2i.data.scenes;

import java.util.List;

/**
 * The spatial relations captions state, defined once on box centres for the dataset and the metrics
 * alike. A relation holds only when the centres are at least {@link #MIN_OFFSET} apart along its
 * axis, so near-ties are never stated; a pair can be both left of and above another.
 */
public enum Relation {
  LEFT_OF(List.of("to the left of", "left of", "on the left of", "on the left side of")),
  RIGHT_OF(List.of("to the right of", "right of", "on the right of", "on the right side of")),
  ABOVE(List.of("above", "over", "higher than", "on top of")),
  BELOW(List.of("below", "under", "beneath", "lower than"));

  /** Minimum distance of the centres, as a fraction of the canvas side. */
  public static final double MIN_OFFSET = 0.1;

  private final List<String> phrases;

  Relation(List<String> phrases) {
    this.phrases = phrases;
  }

  /** Synonyms for this relation in captions, the first the plainest. */
  public List<String> phrases() {
    return phrases;
  }

  /** The name in facts and statistics: {@code left of}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** Whether "a {@code this} b" holds on these boxes. */
  public boolean holds(Box a, Box b) {
    return switch (this) {
      case LEFT_OF -> b.centreX() - a.centreX() >= MIN_OFFSET;
      case RIGHT_OF -> a.centreX() - b.centreX() >= MIN_OFFSET;
      case ABOVE -> b.centreY() - a.centreY() >= MIN_OFFSET;
      case BELOW -> a.centreY() - b.centreY() >= MIN_OFFSET;
    };
  }

  /** "a r b" iff "b inverse(r) a". */
  public Relation inverse() {
    return switch (this) {
      case LEFT_OF -> RIGHT_OF;
      case RIGHT_OF -> LEFT_OF;
      case ABOVE -> BELOW;
      case BELOW -> ABOVE;
    };
  }

  /** {@link #LEFT_OF} or {@link #ABOVE}: one of each pair of inverse relations. */
  public boolean isCanonical() {
    return this == LEFT_OF || this == ABOVE;
  }

  public static Relation parse(String label) {
    for (Relation r : values()) {
      if (r.label().equals(label)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown relation '" + label + "'");
  }
}
