package t2i.training.style;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Progress;
import t2i.data.image.Images;
import t2i.data.image.QueryImage;
import t2i.error.UserException;
import t2i.training.ImageGeometry;
import t2i.training.Interpolation;
import t2i.training.TinyRuns;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanModel;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.Noise;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** The style encoder on a tiny GAN. */
class StyleTrainerTest {
  @TempDir static Path dir;
  static TinyRuns runs;
  static Path gan;

  @BeforeAll
  static void fixture() throws IOException {
    runs = TinyRuns.create(dir);
    gan = runs.trainGan(dir.resolve("gan"), GanTrainingConfig.Loss.INT_CLS, 30);
  }

  static StyleTrainingConfig config() {
    return StyleTrainingConfig.builder(
            gan.toString(), 30, runs.gan(GanTrainingConfig.Loss.INT_CLS).gan())
        .preset("tiny")
        .batchSize(32)
        .learningRate(1e-3f)
        .seed(5)
        .build();
  }

  @Test
  void trainingReducesTheStyleLossAndLeavesGBitIdentical() throws IOException {
    Path run = dir.resolve("style");
    RunDirectory.create(run, StyleTrainer.KIND, config());
    try (StyleTrainer t = new StyleTrainer(config(), run, null, 1)) {
      float[][] generatorBefore = t.values(true);
      float[][] styleBefore = t.values(false);
      double initial = t.heldOutLoss(256, 1);
      for (int i = 0; i < 300; i++) {
        t.trainStep();
      }
      double trained = t.heldOutLoss(256, 1);
      assertTrue(
          trained < 0.5 * initial,
          "held-out L_style " + initial + " -> " + trained + " after 300 steps");
      float[][] generatorAfter = t.values(true);
      for (int i = 0; i < generatorBefore.length; i++) {
        assertArrayEquals(generatorBefore[i], generatorAfter[i], "G variable " + i);
      }
      float[][] styleAfter = t.values(false);
      assertTrue(!Arrays.equals(styleBefore[0], styleAfter[0]), "S was trained");
      t.checkpoint(1.0);
    }
    // G inside the style run's checkpoint is the GAN's G
    float[] z = Noise.forSeed(1, 8);
    float[] text = Noise.forSeed(2, 16);
    Checkpoint styleCheckpoint = new Checkpoints(run).latest().orElseThrow();
    try (GanModel fromGan = GanModel.load(gan, 1);
        GanModel fromStyle = GanModel.load(gan, styleCheckpoint, 1)) {
      assertArrayEquals(fromGan.generate(z, text, 1), fromStyle.generate(z, text, 1));
    }
  }

  @Test
  void theEncoderOutputsZsShapeAndResumeContinuesExactly() throws IOException {
    Path run = dir.resolve("resume");
    RunDirectory.create(run, StyleTrainer.KIND, config());
    List<Double> uninterrupted = new ArrayList<>();
    try (StyleTrainer t = new StyleTrainer(config(), run, null, 1)) {
      t.trainStep();
      t.checkpoint(1.0);
      for (int i = 0; i < 3; i++) {
        uninterrupted.add(t.trainStep().get("loss_style"));
      }
    }
    Checkpoint at1 = new Checkpoints(run).latest().orElseThrow();
    try (StyleTrainer t = new StyleTrainer(config(), run, at1, 1)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(uninterrupted.get(i), t.trainStep().get("loss_style"), "step " + (i + 2));
      }
    }
    try (StyleModel s = StyleModel.load(run, 1)) {
      float[] images = new float[3 * 64 * 64 * 3];
      assertEquals(3 * 8, s.encode(images, 3).length);
    }
  }

  @Test
  void interpolationEndsAreExactlyTheParentsAndTheirImages() throws IOException {
    float[] a = Noise.forSeed(10, 16);
    float[] b = Noise.forSeed(11, 16);
    float[] path = Interpolation.between(a, b, 5);
    assertArrayEquals(a, Arrays.copyOfRange(path, 0, 16));
    assertArrayEquals(b, Arrays.copyOfRange(path, 4 * 16, 5 * 16));
    try (GanModel g = GanModel.load(gan, 1);
        EmbeddingModel e = EmbeddingModel.load(runs.embeddingRun, 1)) {
      BufferedImage grid =
          StyleGrids.textInterpolation(g, e, "a red apple", "a blue car", 4, List.of(7L));
      float[] phi = e.encodeTexts(List.of("a red apple", "a blue car"));
      float[] z = Noise.forSeed(7, 8);
      BufferedImage first =
          g.imageGeometry().picture(g.generate(z, Arrays.copyOfRange(phi, 0, 16), 1), 0);
      BufferedImage last =
          g.imageGeometry().picture(g.generate(z, Arrays.copyOfRange(phi, 16, 32), 1), 0);
      // grid cells: 4 px padding, then 64 px images with 4 px between
      assertSameImage(first, grid.getSubimage(4, 4, 64, 64));
      assertSameImage(last, grid.getSubimage(4 + 3 * 68, 4, 64, 64));
    }
  }

  @Test
  void aStyleRunOnA32x32GanTakesItsQueryAt32x32AndDrawsIn32x32() throws IOException {
    GanTrainingConfig base = runs.gan(GanTrainingConfig.Loss.INT_CLS);
    GanTrainingConfig small = base.toBuilder().gan(base.gan().withImage(32, 3)).build();
    Path gan32 = TinyRuns.trainGan(dir.resolve("gan-32"), small, 1);
    StyleTrainingConfig c =
        StyleTrainingConfig.defaultsFor(gan32).preset("tiny").batchSize(4).seed(5).build();
    assertEquals(new ImageGeometry(32, 3), ImageGeometry.of(c.style()));
    Path run = dir.resolve("style-32");
    RunDirectory.create(run, StyleTrainer.KIND, c);
    try (StyleTrainer t = new StyleTrainer(c, run, null, 1)) {
      t.trainStep();
      t.checkpoint(1.0);
    }
    Path file = dir.resolve("query.png");
    Files.write(file, Images.encodePng(new BufferedImage(50, 40, BufferedImage.TYPE_INT_RGB)));
    try (StyleModel s = StyleModel.load(run, 1);
        GanModel g = GanModel.load(Path.of(s.config().gan()), s.checkpoint(), 1);
        EmbeddingModel e = EmbeddingModel.load(runs.embeddingRun, 1)) {
      assertEquals(new ImageGeometry(32, 3), s.imageGeometry());
      QueryImage query = QueryImage.load(file, s.imageGeometry().side());
      assertEquals(32, query.image().getWidth());
      assertEquals(32, query.image().getHeight());
      float[] code = s.encode(query.pixels(), 1);
      BufferedImage grid = StyleGrids.transfer(g, e, s, query, List.of("a red apple"));
      BufferedImage drawn =
          g.imageGeometry().picture(g.generate(code, e.encodeTexts(List.of("a red apple")), 1), 0);
      // grid cells: 4 px padding, then the query and the result, 32 px each, 4 px between
      assertSameImage(query.image(), grid.getSubimage(4, 4, 32, 32));
      assertSameImage(drawn, grid.getSubimage(4 + 36, 4, 32, 32));
      assertThrows(IllegalArgumentException.class, () -> s.encode(new float[64 * 64 * 3], 1));
    }
    StyleEvaluator.Report report = StyleEvaluator.run(run, 1, Progress.NONE);
    assertTrue(report.artStyle().images() > 0);

    StyleTrainingConfig wide =
        StyleTrainingConfig.builder(gan32.toString(), 1, base.gan()).preset("tiny").build();
    UserException refused =
        assertThrows(
            UserException.class,
            () -> new StyleTrainer(wide, dir.resolve("style-64-on-32"), null, 1));
    assertEquals(
        "the style encoder takes 64x64x3 images; the GAN run " + gan32 + " draws 32x32x3 images",
        refused.getMessage());
  }

  private static void assertSameImage(BufferedImage expected, BufferedImage actual) {
    for (int y = 0; y < expected.getHeight(); y++) {
      for (int x = 0; x < expected.getWidth(); x++) {
        assertEquals(expected.getRGB(x, y), actual.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @Test
  void rocAucCountsPairsAndTies() {
    // scores of positives 0.9, 0.5; negatives 0.5, 0.1: pairs (p > n) 3, ties 1 → (3 + 0.5) / 4
    RocAuc.Result r =
        RocAuc.fromScores(
            new double[] {0.9, 0.5, 0.5, 0.1}, new boolean[] {true, true, false, false});
    assertEquals(3.5 / 4, r.auc(), 1e-12);
    // two tight groups in 2-d
    float[] v = {1, 0, 1, 0.1f, 0, 1, 0.1f, 1};
    assertEquals(1.0, RocAuc.sameGroup(v, 2, new String[] {"a", "a", "b", "b"}).auc(), 1e-12);
  }

  @Test
  void skinToneIsTheOneModifierOfTheKey() {
    assertEquals("1F3FD", StyleEvaluator.skinTone("1F44B-1F3FD"));
    assertEquals(null, StyleEvaluator.skinTone("1F600"));
    assertEquals(null, StyleEvaluator.skinTone("1F9D1-1F3FB-200D-1F91D-200D-1F9D1-1F3FF"));
    assertEquals("1F3FB", StyleEvaluator.skinTone("1f9d1-1f3fb-200d-1f91d-200d-1f9d1-1f3fb"));
  }
}
