package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.Set;

/**
 * An object class of the scenes: emoji subcategories grouped under one name.
 *
 * @param name the class name, within Reed's alphabet ({@code sea animal})
 * @param subcategories the emoji.json subcategories it groups
 * @param placement where its objects go
 * @param scale typical box side as a fraction of the canvas side; sizes are log-uniform around it
 */
public record SceneClass(
    String name, Set<String> subcategories, Placement placement, double scale) {

  public SceneClass {
    checkArgument(!subcategories.isEmpty(), "class %s has no subcategories", name);
    checkArgument(scale > 0 && scale < 1, "class %s has scale %s", name, scale);
    subcategories = Set.copyOf(subcategories);
  }

  /** The 20 classes of LAYOUT_SPEC §7, in id order. */
  public static final List<SceneClass> DEFAULT =
      List.of(
          new SceneClass("mammal", Set.of("animal-mammal"), Placement.GROUND, 0.34),
          new SceneClass("bird", Set.of("animal-bird"), Placement.SKY, 0.26),
          new SceneClass("sea animal", Set.of("animal-marine"), Placement.UNDER_WATER, 0.3),
          new SceneClass("bug", Set.of("animal-bug"), Placement.GROUND, 0.2),
          new SceneClass(
              "reptile", Set.of("animal-reptile", "animal-amphibian"), Placement.GROUND, 0.28),
          new SceneClass("flower", Set.of("plant-flower"), Placement.GROUND, 0.24),
          new SceneClass("plant", Set.of("plant-other"), Placement.GROUND, 0.3),
          new SceneClass("fruit", Set.of("food-fruit"), Placement.TABLE, 0.24),
          new SceneClass("vegetable", Set.of("food-vegetable"), Placement.TABLE, 0.24),
          new SceneClass("meal", Set.of("food-prepared", "food-asian"), Placement.TABLE, 0.3),
          new SceneClass("sweet", Set.of("food-sweet"), Placement.TABLE, 0.26),
          new SceneClass("drink", Set.of("drink"), Placement.TABLE, 0.26),
          new SceneClass("road vehicle", Set.of("transport-ground"), Placement.GROUND, 0.36),
          new SceneClass("aircraft", Set.of("transport-air"), Placement.SKY, 0.32),
          new SceneClass("boat", Set.of("transport-water"), Placement.WATER_LINE, 0.34),
          new SceneClass("building", Set.of("place-building"), Placement.GROUND, 0.42),
          new SceneClass("sky & weather", Set.of("sky & weather"), Placement.SKY, 0.3),
          new SceneClass(
              "face",
              Set.of(
                  "face-smiling",
                  "face-affection",
                  "face-tongue",
                  "face-hand",
                  "face-neutral-skeptical",
                  "face-sleepy",
                  "face-unwell",
                  "face-hat",
                  "face-glasses",
                  "face-concerned",
                  "face-negative",
                  "face-costume"),
              Placement.ANYWHERE,
              0.3),
          new SceneClass("ball", Set.of("sport"), Placement.ANYWHERE, 0.22),
          new SceneClass("clothing", Set.of("clothing"), Placement.ANYWHERE, 0.28));
}
