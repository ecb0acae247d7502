package t2i.data.emoji;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import t2i.data.emoji.CldrAnnotations.Annotation;

/**
 * Builds an emoji's captions from human-written text only: the CLDR name and keyword list, the
 * emoji name and short names from emoji.json, and the CLDR skin tone names. In order:
 *
 * <ol>
 *   <li>the CLDR name: "waving hand: medium-dark skin tone"
 *   <li>all CLDR keywords: "bye, cya, ..., wave, yo, you"
 *   <li>the emoji.json name with the tone: "waving hand sign: medium-dark skin tone"
 *   <li>each short name with the tone: "wave: medium-dark skin tone"
 *   <li>seeded subsets of 2–5 keywords, always ending with the skin tones: "hand, wave, hello,
 *       medium-dark skin tone"; and the CLDR name followed by a keyword subset
 *   <li>only if still fewer than {@link #MIN_CAPTIONS}: fixed phrasings of the CLDR name ("an emoji
 *       of rose")
 * </ol>
 *
 * Duplicates (ignoring case) are dropped. The same emoji always gets the same captions, whatever
 * its art style, since the seed is its code points.
 */
public final class CaptionBuilder {
  public static final int MIN_CAPTIONS = 5;

  private static final List<String> FALLBACK_TEMPLATES =
      List.of("an emoji of %s", "%s emoji", "a picture of %s", "%s icon", "the %s symbol");

  private final int maxCaptions;

  /**
   * @param maxCaptions captions per record, at least {@link #MIN_CAPTIONS} (Reed used 10)
   */
  public CaptionBuilder(int maxCaptions) {
    checkArgument(
        maxCaptions >= MIN_CAPTIONS,
        "captions per record must be >= %s, was %s",
        MIN_CAPTIONS,
        maxCaptions);
    this.maxCaptions = maxCaptions;
  }

  /**
   * @param toneNames CLDR names of the variant's skin tones, empty for a base emoji
   */
  public List<String> captions(EmojiVariant v, Annotation a, List<String> toneNames) {
    Map<String, String> out = new LinkedHashMap<>();
    String toneSuffix = toneNames.isEmpty() ? "" : ": " + String.join(", ", toneNames);
    add(out, a.tts());
    add(out, String.join(", ", a.keywords()));
    add(out, v.name().toLowerCase(Locale.ROOT) + toneSuffix);
    for (String shortName : v.shortNames()) {
      add(out, shortName.replace('_', ' ') + toneSuffix);
    }

    List<String> plain = new ArrayList<>();
    for (String k : a.keywords()) {
      if (!toneNames.contains(k)) {
        plain.add(k);
      }
    }
    Random random = new Random(v.unified().hashCode());
    String ttsBase = a.tts().contains(":") ? a.tts().substring(0, a.tts().indexOf(':')) : a.tts();
    for (int attempt = 0; attempt < 8 * maxCaptions && out.size() < maxCaptions; attempt++) {
      if (plain.size() < 2) {
        break;
      }
      List<String> pool = new ArrayList<>(plain);
      Collections.shuffle(pool, random);
      int k = 2 + random.nextInt(Math.min(4, pool.size() - 1));
      List<String> words = new ArrayList<>(pool.subList(0, k));
      if (attempt % 2 == 1) {
        words.add(0, ttsBase);
      }
      words.addAll(toneNames);
      add(out, String.join(", ", words));
    }
    for (int i = 0; out.size() < MIN_CAPTIONS && i < FALLBACK_TEMPLATES.size(); i++) {
      add(out, String.format(FALLBACK_TEMPLATES.get(i), a.tts()));
    }
    return List.copyOf(out.values()).subList(0, Math.min(maxCaptions, out.size()));
  }

  /**
   * Captions in a language other than English, from its CLDR entry alone (emoji.json's names are
   * English): the name ("红心"; a toned variant's name carries its tone), all keywords, then seeded
   * subsets of 1–3 keywords after the name, until {@code max}. Duplicates (ignoring case) are
   * dropped; the seed is the variant's code points, as for English.
   */
  public static List<String> inLanguage(EmojiVariant v, Annotation a, int max) {
    checkArgument(max >= 1, "captions per language must be >= 1, was %s", max);
    Map<String, String> out = new LinkedHashMap<>();
    add(out, a.tts());
    add(out, String.join(", ", a.keywords()));
    List<String> plain = new ArrayList<>(a.keywords());
    plain.remove(a.tts());
    Random random = new Random(v.unified().hashCode());
    for (int attempt = 0; attempt < 8 * max && out.size() < max && !plain.isEmpty(); attempt++) {
      List<String> pool = new ArrayList<>(plain);
      Collections.shuffle(pool, random);
      List<String> words = new ArrayList<>();
      words.add(a.tts());
      words.addAll(pool.subList(0, 1 + random.nextInt(Math.min(3, pool.size()))));
      add(out, String.join(", ", words));
    }
    return List.copyOf(out.values()).subList(0, Math.min(max, out.size()));
  }

  private static void add(Map<String, String> out, String caption) {
    String c = caption.strip();
    if (!c.isEmpty()) {
      out.putIfAbsent(c.toLowerCase(Locale.ROOT), c);
    }
  }
}
