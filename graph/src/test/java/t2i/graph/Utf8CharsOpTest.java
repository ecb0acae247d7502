package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiFixture;
import t2i.data.text.TextAlphabet;
import t2i.data.text.Utf8Text;

/** The in-graph UTF-8 encoding equals the Java one, in every script the data has and more. */
class Utf8CharsOpTest {
  static final List<String> TEXTS =
      List.of(
          "red heart",
          "红心",
          "赤いハート",
          "빨간색 하트",
          "corazón rojo",
          "rotes Herz, Straße, GROSSE",
          "cœur rouge",
          "алое сердце, КРАСНОЕ",
          "قلب أحمر",
          "ﺍﻟﻌﺮﺑﻴﺔ (presentation forms)",
          "लाल दिल",
          "หัวใจสีแดง",
          "ΣΟΦΟΣ σοφος",
          "ＦＵＬＬ width ｋａｔａｋａｎａ ｶﾀｶﾅ, ﬁ ligature, ㎏, Ⅻ, ½",
          "🌹 emoji ❤️ stay",
          "",
          "nul\u0000inside",
          "x".repeat(199) + "红心", // cut inside a character, as bytes are
          "e\u0301 (a combining accent stays two code points)");

  @Test
  void matchesTheJavaEncodingOnEveryScript() {
    check(TEXTS);
    check(List.of("a batch of one"));
    check(List.of(""));
  }

  @Test
  void matchesTheJavaEncodingOnEveryCaptionOfAMultilingualDataset(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path out = EmojiFixture.buildMultilingualDataset(dir);
    List<String> captions = new ArrayList<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : Dataset.open(out).read(split)) {
        captions.addAll(r.captions());
      }
    }
    check(captions);
    // On this data, code point by code point is the same as NFKC of the whole text, then folded.
    for (String c : captions) {
      String whole = Normalizer.normalize(c, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
      assertEquals(whole, Utf8Text.normalise(c), c);
    }
  }

  @Test
  void normalisationFoldsCaseAndCompatibilityForms() {
    assertEquals("σοφοσ σοφοσ", Utf8Text.normalise("ΣΟΦΟΣ σοφος"));
    assertEquals("abc fi kg", Utf8Text.normalise("ＡＢＣ ﬁ ㎏"));
    assertEquals("红心", Utf8Text.normalise("红心"));
    assertEquals("カタカナ", Utf8Text.normalise("ｶﾀｶﾅ"));
    int[] ids = TextAlphabet.UTF8.encode("Aé");
    assertArrayEquals(new int[] {'a', 0xC3, 0xA9, 0}, java.util.Arrays.copyOf(ids, 4));
    assertEquals("红心".getBytes(StandardCharsets.UTF_8).length, 6, "a Han character is 3 bytes");
  }

  @Test
  void theTextEncoderTakesItsAlphabetsSize() {
    TextEncoderConfig utf8 = TextEncoderConfig.reed().withAlphabet(TextAlphabet.UTF8);
    assertEquals(255, utf8.alphabetSize());
    assertEquals(TextAlphabet.UTF8, utf8.alphabet());
    assertEquals(TextAlphabet.REED70, TextEncoderConfig.reed().alphabet());
    assertEquals(TextEncoderConfig.reed(), utf8.withAlphabet(TextAlphabet.REED70));
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () ->
                new TextEncoderConfig(
                    70,
                    201,
                    List.of(8, 8, 8),
                    4,
                    3,
                    2,
                    Layers.Cell.RELU,
                    8,
                    16,
                    0.08f,
                    TextAlphabet.UTF8));
    assertEquals("alphabetSize must be 255 for the utf8 alphabet, was 70", e.getMessage());
    assertEquals(
        "text alphabet must be reed70 or utf8; was ascii",
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TextAlphabet.of("ascii"))
            .getMessage());
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void check(List<String> texts) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class);
      Operand ids = Utf8CharsOp.build(tf, text);
      try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(new String[0])));
          Result r = s.runner().feed(text, in).fetch(ids).run()) {
        TInt32 result = (TInt32) r.get(0);
        assertEquals(texts.size(), result.shape().get(0));
        assertEquals(Utf8Text.MAX_LENGTH, result.shape().get(1));
        for (int i = 0; i < texts.size(); i++) {
          int[] row = new int[Utf8Text.MAX_LENGTH];
          for (int j = 0; j < row.length; j++) {
            row[j] = result.getInt(i, j);
          }
          assertArrayEquals(
              TextAlphabet.UTF8.encode(texts.get(i)), row, "text " + i + ": " + texts.get(i));
        }
      }
    }
  }
}
