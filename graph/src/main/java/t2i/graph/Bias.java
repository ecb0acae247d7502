package t2i.graph;

import static com.google.common.base.Preconditions.checkNotNull;

/** Whether a layer adds a learned bias, and how it starts. */
public sealed interface Bias {
  /** No bias: before a normalisation, which would subtract it again. */
  Bias NONE = new None();

  static Bias of(Init init) {
    return new Learned(init);
  }

  static Bias zeros() {
    return new Learned(Init.zeros());
  }

  /** No bias. */
  record None() implements Bias {}

  /** A bias variable {@code <layer>_b}, starting from {@code init}. */
  record Learned(Init init) implements Bias {
    public Learned {
      checkNotNull(init, "a learned bias needs an initialiser");
    }
  }
}
