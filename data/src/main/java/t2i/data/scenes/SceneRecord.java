package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import t2i.data.Split;

/**
 * One emoji scene as stored.
 *
 * @param key unique name ({@code trainval-000042})
 * @param png the RGB image
 * @param size the image side
 * @param split trainval, validation or test
 * @param style the art style of every object
 * @param background the background's name ({@code meadow}, {@code plain blue})
 * @param objects the objects, left to right (by box x, then y)
 * @param captions the captions
 * @param facts what each caption states, one per caption
 */
public record SceneRecord(
    String key,
    byte[] png,
    int size,
    Split split,
    String style,
    String background,
    List<Item> objects,
    List<String> captions,
    List<CaptionFacts> facts) {

  /**
   * One object.
   *
   * @param classId index in the dataset's class list
   * @param className the class
   * @param emojiKey the emoji's code points: the fine label
   * @param box its box, normalised
   * @param maskPng its visible mask, a 1-bit PNG of the image's size
   */
  public record Item(int classId, String className, String emojiKey, Box box, byte[] maskPng) {}

  public SceneRecord {
    checkArgument(!objects.isEmpty(), "scene %s has no objects", key);
    checkArgument(
        captions.size() == facts.size(),
        "scene %s has %s captions and %s facts",
        key,
        captions.size(),
        facts.size());
    objects = List.copyOf(objects);
    captions = List.copyOf(captions);
    facts = List.copyOf(facts);
  }

  public List<Box> boxes() {
    return objects.stream().map(Item::box).toList();
  }
}
