package t2i.data.scenes;

import java.util.List;

/**
 * What a caption states, for evaluation: indices refer to the scene's objects (left to right).
 *
 * @param template which template wrote the caption ({@code relation}, {@code list}, ...)
 * @param objects the objects the caption mentions, each once
 * @param relations the relations it states; each holds on the stored boxes
 * @param sizes the size words it states
 * @param positions the absolute positions it states
 * @param background the background's name if the caption names it, else null
 */
public record CaptionFacts(
    String template,
    List<Integer> objects,
    List<RelationFact> relations,
    List<SizeFact> sizes,
    List<PositionFact> positions,
    String background) {

  public CaptionFacts {
    objects = List.copyOf(objects);
    relations = List.copyOf(relations);
    sizes = List.copyOf(sizes);
    positions = List.copyOf(positions);
  }

  /** "object {@code subject} is {@code relation} object {@code object}". */
  public record RelationFact(int subject, String relation, int object) {}

  /** "object {@code object} is {@code word}" ({@code small}, {@code big}). */
  public record SizeFact(int object, String word) {}

  /** "object {@code object} is in region {@code region}" ({@code top left}, {@code middle}). */
  public record PositionFact(int object, String region) {}
}
