package t2i.training.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.ClassLevel;
import t2i.data.emoji.EmojiFixture;
import t2i.data.text.TextAlphabet;

/** A new text encoder's character encoding follows its data's languages. */
class EmbeddingConfigDefaultsTest {
  @TempDir Path dir;

  @Test
  void englishDataKeepsReedsAlphabetAndOtherLanguagesTakeUtf8() throws IOException {
    Path english = EmojiFixture.buildDataset(Files.createDirectories(dir.resolve("en")));
    Path multilingual =
        EmojiFixture.buildMultilingualDataset(Files.createDirectories(dir.resolve("ml")));
    assertEquals(
        TextAlphabet.REED70,
        EmbeddingConfig.defaultsFor(english, ClassLevel.CONCEPT).build().text().alphabet());
    assertEquals(
        TextAlphabet.UTF8,
        EmbeddingConfig.defaultsFor(multilingual, ClassLevel.CONCEPT).build().text().alphabet());
  }
}
