package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Optional;

/**
 * One object of a scene.
 *
 * @param classId index in the class list
 * @param emojiKey the emoji's code points: the fine label
 * @param name what captions call the emoji
 * @param box the tight box of its whole (unoccluded) mask, normalised
 * @param mask its visible pixels, row-major over the canvas
 * @param wholePixels its mask's pixels before occlusion
 * @param sizeFactor its side over its class's typical side: below {@link #SMALL} is "small", above
 *     {@link #BIG} "big"
 */
public record SceneObject(
    int classId,
    String emojiKey,
    String name,
    Box box,
    boolean[] mask,
    int wholePixels,
    double sizeFactor) {
  public static final double SMALL = 1 / 1.25;
  public static final double BIG = 1.25;

  public SceneObject {
    checkArgument(sizeFactor > 0, "size factor must be > 0, was %s", sizeFactor);
  }

  /** "small", "big", or empty for an ordinary size. */
  public Optional<String> sizeWord() {
    if (sizeFactor < SMALL) {
      return Optional.of("small");
    }
    if (sizeFactor > BIG) {
      return Optional.of("big");
    }
    return Optional.empty();
  }

  public int visiblePixels() {
    int n = 0;
    for (boolean b : mask) {
      if (b) {
        n++;
      }
    }
    return n;
  }
}
