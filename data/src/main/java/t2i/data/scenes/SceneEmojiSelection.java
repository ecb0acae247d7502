package t2i.data.scenes;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import t2i.data.emoji.CldrAnnotations;
import t2i.data.emoji.EmojiVariant;
import t2i.data.text.ReedAlphabet;
import t2i.error.UserException;

/**
 * Chooses the emoji scenes can show: base entries of one code point (U+FE0F aside) in a scene
 * class, with art in every style, whose art does not fill its tile (stars, fog, bricks), named by
 * their CLDR name within Reed's alphabet.
 */
public final class SceneEmojiSelection {
  /**
   * Art whose every corner is at least this opaque ({@link Sprite#cornerFill}) in some style fills
   * its tile and is dropped: a night sky, fog, bricks, a motorway measure 0.3 to 0.9; objects 0,
   * even those standing on a strip of ground or water.
   */
  public static final double FULL_TILE = 0.3;

  /**
   * The selected emoji in emoji.json's order and what was dropped.
   *
   * @param emoji the selected emoji
   * @param droppedFullTile keys of art that fills its tile
   * @param droppedOther keys dropped for a missing image or name
   */
  public record Result(List<SceneEmoji> emoji, List<String> droppedFullTile, int droppedOther) {}

  private SceneEmojiSelection() {}

  /** The emoji.json entries that may be selected, before looking at their art. */
  public static List<EmojiVariant> candidates(
      List<EmojiVariant> variants, List<SceneClass> classes, List<String> styles) {
    List<EmojiVariant> out = new ArrayList<>();
    for (EmojiVariant v : variants) {
      boolean single =
          v.skinTones().isEmpty()
              && List.of(v.unified().split("-")).stream().filter(c -> !c.equals("FE0F")).count()
                  == 1;
      if (single && classOf(v, classes) >= 0 && v.styles().containsAll(styles)) {
        out.add(v);
      }
    }
    return out;
  }

  /**
   * @param images PNG bytes by style, then by the entry's {@code image} file name
   */
  public static Result select(
      List<EmojiVariant> candidates,
      List<SceneClass> classes,
      List<String> styles,
      Map<String, Map<String, byte[]>> images,
      CldrAnnotations cldr) {
    List<SceneEmoji> emoji = new ArrayList<>();
    List<String> fullTile = new ArrayList<>();
    int other = 0;
    for (EmojiVariant v : candidates) {
      Map<String, Sprite> art = new LinkedHashMap<>();
      boolean fills = false;
      for (String style : styles) {
        byte[] png = images.getOrDefault(style, Map.of()).get(v.image());
        if (png == null) {
          break;
        }
        Sprite s = Sprite.of(decode(png, v.image() + " (" + style + ")"));
        fills |= s.cornerFill() >= FULL_TILE;
        art.put(style, s);
      }
      String name = cldr.lookup(v).map(a -> captionName(a.tts())).orElse("");
      if (fills) {
        fullTile.add(v.unified());
      } else if (art.size() != styles.size() || name.isEmpty()) {
        other++;
      } else {
        emoji.add(new SceneEmoji(v.unified(), name, classOf(v, classes), art));
      }
    }
    return new Result(emoji, fullTile, other);
  }

  /** Emoji per class id. */
  public static Map<Integer, Integer> countsPerClass(List<SceneEmoji> emoji) {
    Map<Integer, Integer> counts = new HashMap<>();
    emoji.forEach(e -> counts.merge(e.classId(), 1, Integer::sum));
    return counts;
  }

  /**
   * A CLDR name lowered into Reed's alphabet: "piñata" → "pinata", "woman’s boot" → "woman's boot".
   */
  public static String captionName(String tts) {
    String s = ReedAlphabet.normalise(tts).replaceAll("[^a-z0-9 '\\-]", " ");
    return s.replaceAll(" +", " ").strip();
  }

  private static int classOf(EmojiVariant v, List<SceneClass> classes) {
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i).subcategories().contains(v.subcategory())) {
        return i;
      }
    }
    return -1;
  }

  private static BufferedImage decode(byte[] png, String source) {
    try {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      if (image == null) {
        throw new UserException(source + " is not a readable image");
      }
      return image;
    } catch (IOException e) {
      throw new UserException(source + " is not a readable image (" + e.getMessage() + ")", e);
    }
  }
}
