package t2i.data.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiFixture;
import t2i.error.UserException;

/** Training reads the captions of chosen languages alone; the others are held out entirely. */
class DecodedSplitLanguagesTest {
  @TempDir Path dir;

  @Test
  void captionsOfOtherLanguagesAreLeftOutAndARecordWithoutAnyIsRefused() throws IOException {
    Path out = EmojiFixture.buildMultilingualDataset(dir);
    Dataset dataset = Dataset.open(out);
    List<TextImageRecord> records = dataset.read(Split.TRAINVAL);
    DecodedSplit all =
        DecodedSplit.load(dataset, Split.TRAINVAL, ClassLevel.CONCEPT, Progress.NONE);
    DecodedSplit heldOut =
        DecodedSplit.load(
            dataset, Split.TRAINVAL, ClassLevel.CONCEPT, List.of("en", "ar"), Progress.NONE);
    for (int r = 0; r < records.size(); r++) {
      assertEquals(records.get(r).captions(), all.captions(r));
      List<String> kept = heldOut.captions(r);
      assertTrue(kept.containsAll(records.get(r).captionsIn("en")));
      assertTrue(kept.containsAll(records.get(r).captionsIn("ar")));
      assertEquals(
          records.get(r).captionsIn("en").size() + records.get(r).captionsIn("ar").size(),
          kept.size());
      for (String chinese : records.get(r).captionsIn("zh")) {
        assertTrue(!kept.contains(chinese), chinese);
      }
    }
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                DecodedSplit.load(
                    dataset, Split.TRAINVAL, ClassLevel.CONCEPT, List.of("fr"), Progress.NONE));
    assertTrue(e.getMessage().contains("has no caption in fr (it has ar, en, zh)"), e.getMessage());
  }
}
