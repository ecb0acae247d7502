package t2i.training.embedding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Npy;
import t2i.error.UserException;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.Layers;
import t2i.graph.SjeLoss;
import t2i.graph.TextEncoderConfig;
import t2i.training.ImageGeometry;
import t2i.training.optim.OptimizerType;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** The embedding trainer on the emoji fixture with tiny networks, one TF thread (bit-exact). */
class EmbeddingTrainerTest {
  @TempDir static Path dir;
  static Path datasetDir;
  static int trainvalClasses;

  @BeforeAll
  static void fixture() throws IOException {
    datasetDir = EmojiFixture.buildDataset(dir);
    trainvalClasses = Dataset.open(datasetDir).manifest().classes(Split.TRAINVAL).size();
  }

  static EmbeddingConfig tiny() {
    return EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
        .text(TextEncoderConfig.tiny())
        .image(ImageEncoderConfig.tiny())
        .batchSize(trainvalClasses)
        .seed(5)
        .build();
  }

  static EmbeddingTrainer trainer(EmbeddingConfig c, Path run, Checkpoint from) throws IOException {
    return new EmbeddingTrainer(c, run, from, 1, Progress.NONE);
  }

  @ParameterizedTest
  @EnumSource(SjeLoss.Surrogate.class)
  void aFewHundredStepsLowerTheLoss(SjeLoss.Surrogate surrogate) throws IOException {
    // The tiny networks start with all scores near 0 (hinge loss 2·(classes − 1), softmax
    // 2·log(classes)); a larger step than the default lets them separate the classes within a few
    // hundred steps.
    EmbeddingConfig c =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(trainvalClasses)
            .loss(surrogate)
            .seed(5)
            // The softmax's gradients are bounded by 1 per pair where the hinge's count every
            // violated pair: it takes a larger step to move as far in as many steps.
            .learningRate(surrogate == SjeLoss.Surrogate.HINGE ? 3e-3f : 1e-2f)
            .build();
    Path run = dir.resolve("learn-" + surrogate.label());
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    List<Double> losses = new ArrayList<>();
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      for (int i = 0; i < 300; i++) {
        losses.add(t.trainStep().get("loss"));
      }
    }
    double first =
        losses.subList(0, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double last =
        losses.subList(280, 300).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertTrue(last < 0.5 * first, "loss " + first + " -> " + last);
  }

  @Test
  void resumingFromACheckpointGivesTheSameNextStepsAsNotStopping() throws IOException {
    assertResumesExactly(tiny(), "resume");
  }

  @Test
  void withShiftsScalesWordDropoutAndTheColourGridTooResumeIsExact() throws IOException {
    // The augmentations draw from the run's seed and step, so a resumed run sees the same
    // shifted, scaled images and the same dropped words as one that never stopped.
    EmbeddingConfig c =
        tiny().toBuilder()
            .maxShift(3)
            .maxScale(0.2f)
            .wordDropout(0.3f)
            .colourGrid(2)
            .loss(SjeLoss.Surrogate.SOFTMAX)
            .build();
    assertResumesExactly(c, "resume-augmented");
  }

  private static void assertResumesExactly(EmbeddingConfig c, String name) throws IOException {
    Path run = dir.resolve(name);
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    List<Double> uninterrupted = new ArrayList<>();
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      for (int i = 0; i < 5; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      for (int i = 0; i < 6; i++) {
        uninterrupted.add(t.trainStep().get("loss"));
      }
    }
    Checkpoint at5 = new Checkpoints(run).latest().orElseThrow();
    assertEquals(5, at5.step());
    List<Double> resumed = new ArrayList<>();
    try (EmbeddingTrainer t = trainer(c, run, at5)) {
      assertEquals(5, t.step());
      for (int i = 0; i < 6; i++) {
        var r = t.trainStep();
        resumed.add(r.get("loss"));
        assertEquals(6 + i, r.step());
      }
    }
    assertEquals(uninterrupted, resumed);
  }

  @Test
  void inferenceModelReproducesTheTrainingGraphsTextEmbeddings() throws IOException {
    EmbeddingConfig c = tiny();
    Path run = dir.resolve("inference");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    String[] texts = {"waving hand: medium skin tone", "rose", "", "日本"};
    float[] training;
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      for (int i = 0; i < 10; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      training = t.encodeTexts(texts);
    }
    try (EmbeddingModel m = EmbeddingModel.load(run, 1)) {
      assertArrayEquals(training, m.encodeTexts(List.of(texts)), 1e-6f);
    }
  }

  @Test
  void anImageEncoderOf32x32ImagesTrainsOnCropsAndEncodesCentreCrops() throws IOException {
    EmbeddingConfig c =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny().withImage(32, 3))
            .batchSize(trainvalClasses)
            .seed(5)
            .build();
    Path run = dir.resolve("side-32");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      assertTrue(Double.isFinite(t.trainStep().get("loss")));
      t.checkpoint(1.0);
    }
    List<TextImageRecord> records = Dataset.open(datasetDir).read(Split.TEST);
    DecodedSplit split = DecodedSplit.of(records);
    try (EmbeddingModel m = EmbeddingModel.load(run, 1)) {
      assertEquals(new ImageGeometry(32, 3), m.imageGeometry());
      float[] encoded = m.encodeImages(split);
      assertEquals(records.size() * m.dim(), encoded.length);
      assertArrayEquals(
          encoded,
          m.encodePixels(split.centreCrops(0, split.size(), 32), records.size()),
          "the records' centre crops");
    }
  }

  @Test
  void checkpointOfAnotherArchitectureIsRefusedClearly() throws IOException {
    EmbeddingConfig c = tiny();
    Path run = dir.resolve("other");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      t.trainStep();
      t.checkpoint(1.0);
    }
    Checkpoint ckpt = new Checkpoints(run).latest().orElseThrow();
    EmbeddingConfig wider =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .text(
                new TextEncoderConfig(
                    70, 201, List.of(8, 8, 8), 4, 3, 2, Layers.Cell.RELU, 12, 16, 0.08f))
            .image(ImageEncoderConfig.tiny())
            .batchSize(trainvalClasses)
            .build();
    UserException e = assertThrows(UserException.class, () -> trainer(wider, run, ckpt).close());
    assertTrue(e.getMessage().contains("does not fit this model"), e.getMessage());
    assertTrue(e.getMessage().contains("different architecture"), e.getMessage());
  }

  @Test
  void precomputedImageFeaturesTrainAndEvaluate() throws IOException {
    // Features that identify the class: one-hot of the class id, plus noise.
    Dataset ds = Dataset.open(datasetDir);
    int records = ds.manifest().records();
    int dim = ds.manifest().classes().size();
    float[] values = new float[records * dim];
    Random random = new Random(1);
    int row = 0;
    for (Split split : List.of(Split.TRAINVAL, Split.TEST)) {
      for (var r : ds.read(split)) {
        for (int d = 0; d < dim; d++) {
          values[row * dim + d] =
              (d == r.classId() ? 1f : 0f) + 0.01f * (float) random.nextGaussian();
        }
        row++;
      }
    }
    Path features = dir.resolve("features.npy");
    Npy.write(features, new Npy.Matrix(records, dim, values));
    EmbeddingConfig c =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .imageFeatures(features.toString(), dim)
            .batchSize(trainvalClasses)
            .learningRate(3e-3f)
            .build();
    assertEquals(dim, c.image().featureDim());
    Path run = dir.resolve("features");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    try (EmbeddingTrainer t = trainer(c, run, null)) {
      for (int i = 0; i < 30; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    var report = EmbeddingEvaluator.run(run, null, List.of(Split.TRAINVAL), 1, Progress.NONE);
    var scores = report.splits().get("trainval");
    assertEquals(ds.manifest().records(Split.TRAINVAL), scores.records());
    assertEquals(ds.manifest().records(Split.TRAINVAL), scores.subcategory().images());
    assertEquals(ds.manifest().concepts(Split.TRAINVAL).size(), scores.concept().classes());
    assertEquals(trainvalClasses, scores.subcategory().classes());
    assertTrue(scores.rPrecisionReal() >= 0 && scores.rPrecisionReal() <= 1);
    assertTrue(Files.isRegularFile(run.resolve(EmbeddingEvaluator.FILE)));
  }

  @Test
  void featuresOfTheWrongShapeAreRefused() throws IOException {
    Path bad = dir.resolve("bad.npy");
    Npy.write(bad, new Npy.Matrix(3, 4, new float[12]));
    UserException e =
        assertThrows(
            UserException.class,
            () -> ImageFeatures.load(bad, Dataset.open(datasetDir), Split.TRAINVAL, 4));
    assertTrue(e.getMessage().contains("the dataset has"), e.getMessage());
  }

  @Test
  void learningRateDecaysOnceEveryEpochOfClasses() {
    EmbeddingConfig c = tiny();
    assertEquals(c.learningRate(), c.learningRateAt(trainvalClasses - 1), 0f);
    assertEquals(c.learningRate() * 0.98f, c.learningRateAt(trainvalClasses), 1e-9f);
    assertEquals(
        c.learningRate() * 0.98f * 0.98f, c.learningRateAt(2 * trainvalClasses + 1), 1e-9f);
  }

  @Test
  void configRoundTripsThroughTheRunFolder() throws IOException {
    EmbeddingConfig c = tiny();
    Path run = dir.resolve("config");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    assertEquals(c, RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class));
    assertTrue(Files.readString(run.resolve("config.json")).contains("\"kind\": \"embedding\""));
    assertThrows(UserException.class, () -> RunDirectory.open(run, "gan"));
  }

  @Test
  void presetsAndTheOptimizerAreSavedByNameAndOlderRunFoldersStillLoad() throws IOException {
    EmbeddingConfig c =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .textPreset("tiny")
            .imagePreset("tiny")
            .optimizer(OptimizerType.RMSPROP)
            .build();
    assertEquals(1e-4f, c.learningRate(), "RMSprop's default rate");
    assertEquals(TextEncoderConfig.tiny(), c.text());
    Path run = dir.resolve("names");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    Path file = run.resolve("config.json");
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonObject config = root.getAsJsonObject("config");
    assertEquals("rmsprop", config.get("optimizer").getAsString());
    assertEquals("tiny", config.get("textPreset").getAsString());
    assertEquals("hinge", config.get("loss").getAsString());
    config.remove("textPreset");
    config.remove("imagePreset");
    config.remove("loss");
    Files.writeString(file, root.toString());
    EmbeddingConfig old =
        RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class);
    assertEquals(null, old.textPreset());
    assertEquals(OptimizerType.RMSPROP, old.optimizer());
    assertEquals(SjeLoss.Surrogate.HINGE, old.loss(), "runs from before --loss used the hinge");
    assertEquals(c.text(), old.text());
    assertEquals(c.image(), old.image());
  }

  @Test
  void imageFeaturesSurviveAnotherImagePresetOnTheBuilder() {
    EmbeddingConfig c =
        EmbeddingConfig.builder(datasetDir.toString(), trainvalClasses)
            .textPreset("tiny")
            .imageFeatures("f.npy", 7)
            .build();
    EmbeddingConfig again = c.toBuilder().imagePreset("cpu").build();
    assertEquals(c, again);
    assertEquals(7, again.image().featureDim());
    assertEquals(TextEncoderConfig.tiny().embeddingDim(), again.image().embeddingDim());
  }

  @Test
  void configWithMissingOrUnknownKeysIsRefused() throws IOException {
    Path run = dir.resolve("strict");
    RunDirectory.create(run, EmbeddingTrainer.KIND, tiny());
    Path file = run.resolve("config.json");
    String json = Files.readString(file);

    JsonObject noNorm = JsonParser.parseString(json).getAsJsonObject();
    noNorm.getAsJsonObject("config").getAsJsonObject("image").remove("outputNorm");
    Files.writeString(file, noNorm.toString());
    UserException missing =
        assertThrows(
            UserException.class,
            () -> RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class));
    assertTrue(
        missing.getMessage().contains("config.image lacks [outputNorm]"), missing.getMessage());

    JsonObject extra = JsonParser.parseString(json).getAsJsonObject();
    extra.getAsJsonObject("config").addProperty("sede", 1);
    Files.writeString(file, extra.toString());
    UserException unknown =
        assertThrows(
            UserException.class,
            () -> RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class));
    assertTrue(unknown.getMessage().contains("unknown keys [sede]"), unknown.getMessage());

    // Older writers left out null fields: that still reads.
    JsonObject noNull = JsonParser.parseString(json).getAsJsonObject();
    noNull.getAsJsonObject("config").remove("imageFeatures");
    Files.writeString(file, noNull.toString());
    assertEquals(
        tiny(), RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class));
  }
}
