package t2i.training.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.emoji.EmojiFixture;
import t2i.graph.GanConfig;
import t2i.training.gan.GanTrainingConfig.Loss;
import t2i.training.layout.TinyLayoutImageRuns;
import t2i.training.run.RunDirectory;

class GanTrainingConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreReedsOnTheCpuPreset() {
    GanTrainingConfig c = GanTrainingConfig.builder("data", "emb", 32).build();
    assertEquals("cpu", c.preset());
    assertEquals(GanConfig.cpu().withEmbeddingDim(32), c.gan());
    assertEquals(Loss.INT_CLS, c.loss());
    assertEquals(64, c.batchSize());
    assertEquals(4, c.captionsAveraged());
    assertEquals(0.5f, c.interpolationBeta());
    assertEquals(2e-4f, c.learningRate());
    assertEquals(0.5f, c.beta1());
    assertEquals(0, c.halveEvery());
    assertTrue(c.flip());
    assertEquals(GanRecipe.reed2016(), c.recipe());
  }

  @Test
  void scenesAreNotMirroredTheirCaptionsSayLeftAndRight() throws IOException {
    Path scenes = EmojiFixture.buildScenesDataset(dir, 20);
    Path embeddings = TinyLayoutImageRuns.embeddings(scenes, dir);
    assertFalse(GanTrainingConfig.defaultsFor(scenes, embeddings).build().flip());
  }

  @Test
  void aNewRunTakesTheDefaultRecipeWhereTheBareBuilderTakesReeds() throws IOException {
    Path scenes = EmojiFixture.buildScenesDataset(dir, 20);
    Path embeddings = TinyLayoutImageRuns.embeddings(scenes, dir);
    assertEquals("ema-hinge", GanRecipe.DEFAULT_NAME);
    assertEquals(
        GanRecipe.emaHinge(), GanTrainingConfig.defaultsFor(scenes, embeddings).build().recipe());
  }

  @Test
  void halvingInEpochsUsesTheFinalBatchSize() {
    GanTrainingConfig c =
        GanTrainingConfig.builder("data", "emb", 32)
            .halveEveryEpochs(GanTrainingConfig.REED_HALVING_EPOCHS, 1000)
            .batchSize(8)
            .build();
    assertEquals(100 * (1000 / 8), c.halveEvery());
    assertEquals(5, GanTrainingConfig.builder("d", "e", 8).halveEvery(5).build().halveEvery());
  }

  @Test
  void aCustomNetworkRecordsNoPresetName() {
    GanTrainingConfig c =
        GanTrainingConfig.builder("data", "emb", 16)
            .gan(GanConfig.tiny().withEmbeddingDim(16))
            .build();
    assertNull(c.preset());
    assertEquals("tiny", c.toBuilder().preset("tiny").build().preset());
  }

  @Test
  void lossesAreSavedByTheirNamesAndRoundTrip() throws IOException {
    GanTrainingConfig c =
        GanTrainingConfig.builder("data", "emb", 16).preset("tiny").loss(Loss.INT).build();
    Path run = dir.resolve("run");
    RunDirectory.create(run, GanTrainer.KIND, c);
    JsonObject saved =
        JsonParser.parseString(Files.readString(run.resolve(RunDirectory.CONFIG)))
            .getAsJsonObject()
            .getAsJsonObject("config");
    assertEquals("int", saved.get("loss").getAsString());
    assertEquals("tiny", saved.get("preset").getAsString());
    assertEquals(c, RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class));
  }

  @Test
  void aRunFolderFromBeforePresetNamesStillLoads() throws IOException {
    GanTrainingConfig c =
        GanTrainingConfig.builder("data", "emb", 16).preset("tiny").loss(Loss.INT_CLS).build();
    Path run = dir.resolve("old");
    RunDirectory.create(run, GanTrainer.KIND, c);
    Path file = run.resolve(RunDirectory.CONFIG);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    JsonObject config = root.getAsJsonObject("config");
    config.remove("preset");
    assertEquals("int-cls", config.get("loss").getAsString(), "as older versions wrote it");
    Files.writeString(file, root.toString());
    GanTrainingConfig old = RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class);
    assertNull(old.preset());
    assertEquals(Loss.INT_CLS, old.loss());
    assertEquals(c.gan(), old.gan());
  }

  @Test
  void aRunFolderFromBeforeRecipesWasTrainedWithReeds() throws IOException {
    GanTrainingConfig c =
        GanTrainingConfig.builder("data", "emb", 16)
            .preset("tiny")
            .recipe(GanRecipe.modern())
            .build();
    Path run = dir.resolve("older");
    RunDirectory.create(run, GanTrainer.KIND, c);
    assertEquals(c, RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class));
    Path file = run.resolve(RunDirectory.CONFIG);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    root.getAsJsonObject("config").remove("recipe");
    Files.writeString(file, root.toString());
    GanTrainingConfig old = RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class);
    assertEquals(GanRecipe.reed2016(), old.recipe());
  }

  @Test
  void recipesAreNamedAndTheirSwitchesCompose() {
    assertEquals(GanRecipe.reed2016(), GanRecipe.named("reed2016"));
    assertEquals(new GanRecipe(0.999f, true, true, true, true), GanRecipe.named("modern"));
    assertEquals(new GanRecipe(0f, true, true, true, true), GanRecipe.modern().withEma(false));
    assertEquals(
        new GanRecipe(0f, false, false, true, false), GanRecipe.reed2016().withHinge(true));
    assertEquals(new GanRecipe(0.999f, false, false, true, false), GanRecipe.named("ema-hinge"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> GanRecipe.named("biggan"));
    assertEquals("recipe must be one of reed2016, ema-hinge, modern; was biggan", e.getMessage());
    GanRecipe ttur = GanRecipe.reed2016().withTtur(true);
    assertEquals(2f, ttur.discriminatorRateScale());
    assertEquals(0.5f, ttur.generatorRateScale());
    assertEquals(1f, GanRecipe.reed2016().discriminatorRateScale());
    assertEquals(1f, GanRecipe.reed2016().generatorRateScale());
    // The average's decay ramps up: (1 + t) / (10 + t) until it reaches 0.999.
    GanRecipe modern = GanRecipe.modern();
    assertEquals(0.1f, modern.emaDecayAt(0), 1e-7f);
    assertEquals(0.5f, modern.emaDecayAt(8), 1e-7f);
    assertEquals(0.999f, modern.emaDecayAt(1_000_000), 1e-7f);
  }

  @Test
  void unknownLossesAreRefusedWithTheChoices() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Loss.of("wgan"));
    assertEquals("loss must be gan, cls, int, int-cls; was wgan", e.getMessage());
    assertTrue(Loss.INT_CLS.matchingAware() && Loss.INT_CLS.interpolates());
    assertTrue(!Loss.GAN.matchingAware() && !Loss.GAN.interpolates());
  }
}
