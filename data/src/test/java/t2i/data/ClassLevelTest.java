package t2i.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchOptions.Sampling;
import t2i.data.batch.BatchSampler;
import t2i.data.batch.DecodedSplit;
import t2i.data.emoji.EmojiFixture;

class ClassLevelTest {
  @TempDir Path dir;

  @Test
  void conceptBatchesDrawEveryTrainvalConceptOnceAndLabelRecordsByManifestId() throws IOException {
    Dataset ds = Dataset.open(EmojiFixture.buildDataset(dir));
    DatasetManifest m = ds.manifest();
    int concepts = ClassLevel.CONCEPT.count(m, Split.TRAINVAL);
    assertTrue(concepts < m.records(Split.TRAINVAL), "skin tones and styles share concepts");
    assertTrue(concepts >= ClassLevel.SUBCATEGORY.count(m, Split.TRAINVAL));

    DecodedSplit data = DecodedSplit.load(ds, Split.TRAINVAL, ClassLevel.CONCEPT, Progress.NONE);
    List<TextImageRecord> records = ds.read(Split.TRAINVAL);
    ToIntFunction<TextImageRecord> conceptOf = ClassLevel.CONCEPT.classifier(m);
    for (int r = 0; r < records.size(); r++) {
      assertEquals(m.conceptIds().get(records.get(r).concept()), data.classId(r));
      assertEquals(conceptOf.applyAsInt(records.get(r)), data.classId(r));
    }
    BatchSampler sampler =
        new BatchSampler(
            data,
            BatchOptions.defaults()
                .withBatchSize(concepts)
                .withSampling(Sampling.DISTINCT_CLASSES)
                .withAugmentation(false, false));
    for (long i = 0; i < 5; i++) {
      Batch b = sampler.batch(i);
      Set<Integer> drawn = new HashSet<>();
      Arrays.stream(b.classIds()).forEach(drawn::add);
      assertEquals(concepts, drawn.size(), "batch " + i + " repeats a concept");
      for (int j = 0; j < b.size(); j++) {
        int wrong = data.classId(b.wrongRecords()[j]);
        assertTrue(wrong != b.classIds()[j], "a mismatching caption of the same concept");
      }
    }
  }

  @Test
  void namesParseAndUnknownOnesAreRefused() {
    assertEquals(ClassLevel.CONCEPT, ClassLevel.of("concept"));
    assertEquals(ClassLevel.SUBCATEGORY, ClassLevel.of("subcategory"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassLevel.of("species"));
    assertTrue(e.getMessage().contains("concept or subcategory"), e.getMessage());
  }
}
