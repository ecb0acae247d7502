package t2i.data.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import t2i.data.emoji.CldrAnnotations.Annotation;

/** Captions built from real CLDR entries (the fixture is copied from the pinned packages). */
class CaptionBuilderTest {
  static Map<String, EmojiVariant> variants;
  static CldrAnnotations cldr;

  @BeforeAll
  static void load() throws IOException {
    var f = EmojiFixture.fixtureDir();
    variants =
        EmojiCatalog.parse(
                Files.readAllBytes(f.resolve("emoji.json")), List.of("google", "twitter"))
            .stream()
            .collect(Collectors.toMap(EmojiVariant::unified, Function.identity()));
    cldr =
        CldrAnnotations.parse(
            Files.readAllBytes(f.resolve("annotations.json")),
            Files.readAllBytes(f.resolve("annotationsDerived.json")));
  }

  static List<String> captionsOf(String unified) {
    EmojiVariant v = variants.get(unified);
    Annotation a = cldr.lookup(v).orElseThrow();
    return new CaptionBuilder(10)
        .captions(v, a, v.skinTones().stream().map(cldr::skinToneName).toList());
  }

  @Test
  void baseEmojiStartsWithCldrNameThenKeywordsThenEmojiName() {
    List<String> c = captionsOf("1F385");
    assertEquals("Santa Claus", c.get(0));
    assertEquals(
        "celebration, Christmas, claus, fairy, fantasy, father, holiday, merry, santa, tale, xmas",
        c.get(1));
    assertEquals("father christmas", c.get(2));
    assertEquals("santa", c.get(3));
    assertEquals(10, c.size());
  }

  @Test
  void skinToneVariantNamesItsToneInEveryCaption() {
    List<String> c = captionsOf("1F44B-1F3FC");
    assertEquals("waving hand: medium-light skin tone", c.get(0));
    for (String caption : c) {
      assertTrue(caption.contains("medium-light skin tone"), caption);
    }
    assertTrue(c.contains("waving hand sign: medium-light skin tone"), c.toString());
  }

  @Test
  void twoToneVariantNamesBothTones() {
    List<String> c = captionsOf("1F9D1-1F3FB-200D-1F91D-200D-1F9D1-1F3FC");
    assertEquals("people holding hands: light skin tone, medium-light skin tone", c.get(0));
    for (String caption : c) {
      assertTrue(caption.contains("light skin tone, medium-light skin tone"), caption);
    }
  }

  @Test
  void keysWithoutVariationSelectorAreFound() {
    // CLDR keys the red heart without U+FE0F; the keycap is only in the derived file.
    assertEquals("red heart", cldr.lookup(variants.get("2764-FE0F")).orElseThrow().tts());
    assertEquals("keycap: #", cldr.lookup(variants.get("0023-FE0F-20E3")).orElseThrow().tts());
  }

  @Test
  void everyFixtureEmojiGetsAtLeastFiveDistinctCaptions() {
    for (String unified : variants.keySet()) {
      List<String> c = captionsOf(unified);
      assertTrue(c.size() >= CaptionBuilder.MIN_CAPTIONS, unified + ": " + c);
      assertEquals(
          c.size(),
          new HashSet<>(c.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()).size(),
          unified + " repeats a caption: " + c);
    }
  }

  @Test
  void captionsAreDeterministic() {
    assertEquals(captionsOf("1F44B-1F3FB"), captionsOf("1F44B-1F3FB"));
  }

  @Test
  void fewKeywordsFallBackToPhrasingsOfTheName() {
    EmojiVariant v = variants.get("1F680");
    List<String> c =
        new CaptionBuilder(5).captions(v, new Annotation("rocket", List.of("space")), List.of());
    assertEquals(5, c.size());
    assertTrue(c.contains("an emoji of rocket"), c.toString());
  }

  @Test
  void fewerThanFiveCaptionsIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CaptionBuilder(4));
  }
}
