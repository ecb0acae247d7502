package t2i.data.emoji;

import java.util.List;
import java.util.Set;

/**
 * One drawable emoji: a base entry of {@code emoji.json} or one of its skin variations.
 *
 * @param unified code points, upper-case hex joined by '-' ({@code 1F44B-1F3FE})
 * @param concept {@code unified} of the base entry: one concept for the emoji and its skin tones
 * @param nonQualified the same without U+FE0F where emoji.json gives it, else null
 * @param image the file name under {@code img/<style>/64/}
 * @param name emoji.json's upper-case name of the base entry ({@code WAVING HAND SIGN})
 * @param shortNames emoji.json's short names of the base entry
 * @param category emoji.json category ({@code People & Body})
 * @param subcategory emoji.json subcategory: the class ({@code hand-fingers-open})
 * @param skinTones skin tone modifiers, hex ({@code [1F3FE]}; two for couples), empty for a base
 * @param sortOrder emoji.json's sort order of the base entry
 * @param styles the art styles that have an image of this variant
 */
public record EmojiVariant(
    String unified,
    String concept,
    String nonQualified,
    String image,
    String name,
    List<String> shortNames,
    String category,
    String subcategory,
    List<String> skinTones,
    int sortOrder,
    Set<String> styles) {

  public EmojiVariant {
    shortNames = List.copyOf(shortNames);
    skinTones = List.copyOf(skinTones);
    styles = Set.copyOf(styles);
  }

  /** The emoji as text. */
  public String text() {
    return EmojiCatalog.textOf(unified);
  }
}
