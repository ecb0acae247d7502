package t2i.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiFixture;

class TextEncodingCheckTest {
  @TempDir Path dir;

  @Test
  void everyCaptionOfAMultilingualDatasetIsCheckedPerLanguage() throws IOException {
    Dataset dataset = Dataset.open(EmojiFixture.buildMultilingualDataset(dir));
    Map<String, Set<String>> distinct = new java.util.TreeMap<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : dataset.read(split)) {
        for (String language : r.captionLanguages()) {
          distinct
              .computeIfAbsent(language, k -> new LinkedHashSet<>())
              .addAll(r.captionsIn(language));
        }
      }
    }
    Map<String, TextEncodingCheck> checks = TextEncodingCheck.of(dataset);
    assertEquals(distinct.keySet(), checks.keySet());
    checks.forEach(
        (language, c) -> {
          assertEquals(distinct.get(language).size(), c.captions(), language);
          assertEquals(0, c.graphDiffers(), language);
          assertEquals(0, c.normalisationDiffers(), language);
        });
    String table = TextEncodingCheck.format(checks);
    assertTrue(table.lines().anyMatch(l -> l.startsWith("zh ")), table);
  }

  @Test
  void itCountsWhatCodePointWiseNormalisationMissesAndWhatTheEncoderCuts() {
    // "e" + combining acute: NFKC of the whole text composes it to "é", code point by code
    // point it stays two; 300 x's are longer than the 201 bytes the encoder reads.
    Map<String, TextEncodingCheck> checks =
        TextEncodingCheck.of(
            Map.of("xx", new LinkedHashSet<>(java.util.List.of("e\u0301", "x".repeat(300), "ok"))));
    assertEquals(new TextEncodingCheck(3, 0, 1, 1), checks.get("xx"));
  }
}
