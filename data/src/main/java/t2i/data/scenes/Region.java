package t2i.data.scenes;

import java.util.List;

/** The nine absolute regions of the canvas, thirds by box centre. */
public enum Region {
  TOP_LEFT("top left", "in the top left corner"),
  TOP("top", "at the top"),
  TOP_RIGHT("top right", "in the top right corner"),
  LEFT("left", "on the left"),
  MIDDLE("middle", "in the middle"),
  RIGHT("right", "on the right"),
  BOTTOM_LEFT("bottom left", "in the bottom left corner"),
  BOTTOM("bottom", "at the bottom"),
  BOTTOM_RIGHT("bottom right", "in the bottom right corner");

  private static final List<Region> GRID = List.of(values());

  private final String label;
  private final String phrase;

  Region(String label, String phrase) {
    this.label = label;
    this.phrase = phrase;
  }

  public String label() {
    return label;
  }

  public String phrase() {
    return phrase;
  }

  public static Region of(Box box) {
    return GRID.get(3 * third(box.centreY()) + third(box.centreX()));
  }

  private static int third(double v) {
    return v < 1.0 / 3 ? 0 : v < 2.0 / 3 ? 1 : 2;
  }

  public static Region parse(String label) {
    for (Region r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown region '" + label + "'");
  }
}
