package t2i.training.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.error.UserException;
import t2i.graph.GanConfig;
import t2i.training.ImageGeometry;
import t2i.training.TinyRuns;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanTrainingConfig.Loss;
import t2i.training.loop.StepResult;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** The GAN trainer with tiny networks on the emoji fixture and its caption embeddings. */
class GanTrainerTest {
  @TempDir static Path dir;
  static Path dataset;
  static TinyRuns runs;

  @BeforeAll
  static void fixture() throws IOException {
    runs = TinyRuns.create(dir);
    dataset = runs.dataset;
  }

  static GanTrainingConfig config(Loss loss) {
    return runs.gan(loss);
  }

  @Test
  void everyLossVariantTrainsWithFiniteLosses() throws IOException {
    for (Loss loss : Loss.values()) {
      Path run = dir.resolve("variant-" + loss);
      RunDirectory.create(run, GanTrainer.KIND, config(loss));
      try (GanTrainer t = new GanTrainer(config(loss), run, null, 1, Progress.NONE)) {
        for (int i = 0; i < 2; i++) {
          StepResult r = t.trainStep();
          for (Map.Entry<String, Double> e : r.scalars().entrySet()) {
            assertTrue(Double.isFinite(e.getValue()), loss + " " + e.getKey());
          }
          assertTrue(r.get("d_real") > 0 && r.get("d_real") < 1);
        }
      }
    }
  }

  @Test
  void resumingGivesTheSameNextSteps() throws IOException {
    GanTrainingConfig c = config(Loss.INT_CLS);
    Path run = dir.resolve("resume");
    RunDirectory.create(run, GanTrainer.KIND, c);
    List<Map<String, Double>> uninterrupted = new ArrayList<>();
    try (GanTrainer t = new GanTrainer(c, run, null, 1, Progress.NONE)) {
      t.trainStep();
      t.trainStep();
      t.checkpoint(1.0);
      for (int i = 0; i < 3; i++) {
        uninterrupted.add(t.trainStep().scalars());
      }
    }
    Checkpoint at2 = new Checkpoints(run).latest().orElseThrow();
    List<Map<String, Double>> resumed = new ArrayList<>();
    try (GanTrainer t = new GanTrainer(c, run, at2, 1, Progress.NONE)) {
      for (int i = 0; i < 3; i++) {
        resumed.add(t.trainStep().scalars());
      }
    }
    assertEquals(uninterrupted, resumed);
  }

  @Test
  void theLoadedModelDrawsWhatTheTrainersSamplingPathDraws() throws IOException {
    GanTrainingConfig c = config(Loss.INT_CLS);
    Path run = dir.resolve("model");
    RunDirectory.create(run, GanTrainer.KIND, c);
    int n = 3;
    float[] z = Noise.normal(new SplittableRandom(1), n * c.gan().zDim());
    float[] text = Noise.normal(new SplittableRandom(2), n * 16);
    float[] fromTrainer;
    try (GanTrainer t = new GanTrainer(c, run, null, 1, Progress.NONE)) {
      t.trainStep();
      t.trainStep();
      t.checkpoint(1.0);
      fromTrainer = t.generate(z, text, n);
    }
    try (GanModel m = GanModel.load(run, 1)) {
      assertEquals(2, m.checkpoint().step());
      // The same weights and function; the two graphs' matrix products agree to float32 rounding
      // (observed: one unit in the last place), not bit for bit.
      Assertions.assertArrayEquals(fromTrainer, m.generate(z, text, n), 1e-6f);
    }
  }

  @Test
  void sampleGridHasARowPerCaptionAndAColumnPerNoiseVector() throws IOException {
    GanTrainingConfig c = config(Loss.INT_CLS);
    Path run = dir.resolve("grid");
    RunDirectory.create(run, GanTrainer.KIND, c);
    try (GanTrainer t = new GanTrainer(c, run, null, 1, Progress.NONE)) {
      SampleGrid grid =
          new SampleGrid(Dataset.open(dataset), t.embeddings(), c.gan().zDim(), 2, 3, 0);
      BufferedImage image = grid.render(t);
      assertTrue(image.getWidth() >= 3 * 64);
      assertTrue(image.getHeight() > 4 * 64, "four rows (two trainval, two test) with captions");
      assertEquals(4, new HashSet<>(grid.labels()).size(), "distinct captions");
      BufferedImage again = grid.render(t);
      assertEquals(image.getRGB(30, 30), again.getRGB(30, 30), "fixed noise, same samples");
    }
  }

  @Test
  void onMultilingualDataEverySecondRowOfASplitIsInAnotherLanguageWithItsEnglishBeside()
      throws IOException {
    Path ml = Files.createDirectories(dir.resolve("multilingual"));
    TinyRuns runsMl = TinyRuns.create(ml, EmojiFixture.buildMultilingualDataset(ml));
    Dataset data = Dataset.open(runsMl.dataset);
    SampleGrid grid = new SampleGrid(data, CaptionEmbeddings.read(runsMl.embeddings), 8, 2, 3, 0);
    List<String> labels = grid.labels();
    assertEquals(4, labels.size());
    assertTrue(labels.get(0).matches("\\[trainval\\] [^\\[].*"), labels.get(0));
    assertTrue(labels.get(2).matches("\\[test class\\] [^\\[].*"), labels.get(2));
    // The languages in the order the records use them (the fixture's: zh, then ar), one per row.
    assertTrue(labels.get(1).startsWith("[trainval] [zh] "), labels.get(1));
    assertTrue(labels.get(3).startsWith("[test class] [ar] "), labels.get(3));
    String zh = grid.captions().get(1);
    assertTrue(
        data.read(Split.TRAINVAL).stream().anyMatch(r -> r.captionsIn("zh").contains(zh)),
        "the row's caption is a Chinese caption of the data: " + zh);
    assertTrue(labels.get(1).endsWith(")"), "with the English caption beside it");
  }

  @Test
  void aGanOf32x32ImagesTrainsAndDrawsItsSampleGridIn32x32Cells() throws IOException {
    GanTrainingConfig base = config(Loss.INT_CLS);
    GanTrainingConfig c = base.toBuilder().gan(base.gan().withImage(32, 3)).build();
    ImageGeometry side32 = new ImageGeometry(32, 3);
    Path run = dir.resolve("side-32");
    RunDirectory.create(run, GanTrainer.KIND, c);
    int zDim = c.gan().zDim();
    int columns = 3;
    try (GanTrainer t = new GanTrainer(c, run, null, 1, Progress.NONE)) {
      assertEquals(side32, t.imageGeometry());
      for (int i = 0; i < 2; i++) {
        for (Map.Entry<String, Double> e : t.trainStep().scalars().entrySet()) {
          assertTrue(Double.isFinite(e.getValue()), e.getKey());
        }
      }
      t.checkpoint(1.0);
      SampleGrid grid = new SampleGrid(Dataset.open(dataset), t.embeddings(), zDim, 2, columns, 0);
      BufferedImage image = grid.render(t);
      // the first cell: the first trainval record's first caption with the first column's noise
      float[] z = Arrays.copyOf(Noise.normal(new SplittableRandom(0), columns * zDim), zDim);
      float[] text = t.embeddings().get(Split.TRAINVAL, 0, 0);
      float[] drawn = t.generate(z, text, 1);
      assertEquals(side32.values(), drawn.length);
      BufferedImage expected = side32.picture(drawn, 0);
      // cells: 4 px padding, then 32 px images with 4 px between
      for (int y = 0; y < 32; y++) {
        for (int x = 0; x < 32; x++) {
          assertEquals(expected.getRGB(x, y), image.getRGB(4 + x, 4 + y), "pixel " + x + "," + y);
        }
      }
      assertEquals(0xFFDDDDDD, image.getRGB(4 + 32, 10), "the first cell's right border");
      assertEquals(0xFFDDDDDD, image.getRGB(4 + 32 + 4 - 1, 10), "the second cell's left border");
    }
    try (GanModel m = GanModel.load(run, 1)) {
      assertEquals(side32, m.imageGeometry());
      assertEquals(
          2 * side32.values(), m.generate(new float[2 * zDim], new float[2 * 16], 2).length);
    }
  }

  @Test
  void aGanWhoseImagesTheDatasetCannotFeedIsRefusedBeforeItsGraphIsBuilt() {
    GanTrainingConfig base = config(Loss.INT_CLS);
    Map<GanConfig, String> refused =
        Map.of(
            base.gan().withImage(128, 3), "smaller than the 128x128 images the GAN takes",
            base.gan().withImage(64, 5), "the GAN takes images of 5 channels");
    refused.forEach(
        (gan, message) -> {
          GanTrainingConfig c = base.toBuilder().gan(gan).build();
          UserException e =
              assertThrows(
                  UserException.class,
                  () -> new GanTrainer(c, dir.resolve("refused"), null, 1, Progress.NONE));
          assertTrue(e.getMessage().contains(message), e.getMessage());
        });
  }
}
