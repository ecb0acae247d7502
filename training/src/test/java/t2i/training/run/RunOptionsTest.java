package t2i.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.GanTrainingConfig.Builder;
import t2i.training.gan.GanTrainingConfig.Loss;

/** The rule for new and resumed runs, on a GAN configuration (no graph needed). */
class RunOptionsTest {
  @TempDir Path dir;

  static Builder defaults() {
    return GanTrainingConfig.builder("data", "emb", 16).preset("tiny");
  }

  /** What {@code train gan} would pass: null for an option left out. */
  static RunOptions<GanTrainingConfig, Builder> options(
      String preset, Loss loss, Integer batch, Long halveEvery) {
    return new RunOptions<>(GanTrainingConfig::toBuilder, Builder::build)
        .fixed("--preset", preset, Builder::preset)
        .fixed("--loss", loss, Builder::loss)
        .fixed("--batch", batch, Builder::batchSize)
        .adjustable("--halve-every", halveEvery, Builder::halveEvery);
  }

  @Test
  void aNewRunIsTheDefaultsThenTheOptionsGiven() {
    GanTrainingConfig c = options(null, Loss.CLS, 8, 100L).newRun(defaults());
    assertEquals("tiny", c.preset());
    assertEquals(Loss.CLS, c.loss());
    assertEquals(8, c.batchSize());
    assertEquals(100, c.halveEvery());
  }

  @Test
  void aResumeKeepsTheSavedValuesOfOptionsLeftOutOrRepeated() {
    GanTrainingConfig saved = defaults().loss(Loss.INT).batchSize(8).build();
    assertEquals(saved, options(null, null, null, null).resume(saved, dir));
    assertEquals(saved, options("tiny", Loss.INT, 8, null).resume(saved, dir));
  }

  @Test
  void anOptionThatDefinesTheModelIsRefusedInOneLineNamingIt() {
    GanTrainingConfig saved = defaults().loss(Loss.INT).build();
    UserException e =
        assertThrows(
            UserException.class, () -> options(null, Loss.CLS, null, null).resume(saved, dir));
    assertEquals(
        "--loss cls would change "
            + dir
            + " (loss int -> cls): options that define the model or its data cannot change on"
            + " --resume; leave it out, or choose a new --out",
        e.getMessage());
    UserException preset =
        assertThrows(
            UserException.class, () -> options("cpu", null, null, null).resume(saved, dir));
    assertTrue(
        preset
            .getMessage()
            .startsWith("--preset cpu would change " + dir + " (preset tiny -> cpu; another gan)"),
        preset.getMessage());
  }

  @Test
  void aRunFolderOlderThanPresetNamesIsComparedByItsNetworks() {
    GanTrainingConfig built = defaults().build();
    GanTrainingConfig old =
        new GanTrainingConfig(
            built.dataset(),
            built.embeddings(),
            null,
            built.gan(),
            built.loss(),
            built.batchSize(),
            built.captionsAveraged(),
            built.interpolationBeta(),
            built.learningRate(),
            built.beta1(),
            built.halveEvery(),
            built.seed(),
            built.flip(),
            built.precision(),
            built.recipe());
    assertEquals(old, options("tiny", null, null, null).resume(old, dir));
    assertThrows(UserException.class, () -> options("cpu", null, null, null).resume(old, dir));
  }

  @Test
  void theScheduleMayChangeAndTheRunFolderRecordsIt() throws IOException {
    Path run = dir.resolve("run");
    StringWriter notes = new StringWriter();
    RunStart<GanTrainingConfig> first =
        options(null, null, null, null)
            .start(
                false,
                run,
                GanTrainer.KIND,
                GanTrainingConfig.class,
                RunOptionsTest::defaults,
                new PrintWriter(notes));
    assertNull(first.checkpoint());
    assertEquals(0, first.previousSeconds());

    RunStart<GanTrainingConfig> resumed =
        options("tiny", null, null, 50L)
            .start(
                true,
                run,
                GanTrainer.KIND,
                GanTrainingConfig.class,
                () -> {
                  throw new AssertionError("a resume needs no defaults");
                },
                new PrintWriter(notes));
    assertEquals(50, resumed.config().halveEvery());
    assertNull(resumed.checkpoint());
    assertEquals(
        run
            + " has no checkpoint yet: starting at step 0 with its saved configuration\n"
            + "from step 0 on: halveEvery 0 -> 50 (saved in config.json)\n",
        notes.toString().replace(System.lineSeparator(), "\n"));
    assertEquals(
        resumed.config(), RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class));
    JsonObject saved =
        JsonParser.parseString(Files.readString(run.resolve(RunDirectory.CONFIG)))
            .getAsJsonObject();
    assertEquals("gan", saved.get("kind").getAsString());
  }

  @Test
  void aNewRunRefusesAFolderInUse() throws IOException {
    Path run = dir.resolve("used");
    options(null, null, null, null)
        .start(
            false,
            run,
            GanTrainer.KIND,
            GanTrainingConfig.class,
            RunOptionsTest::defaults,
            new PrintWriter(new StringWriter()));
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                options(null, null, null, null)
                    .start(
                        false,
                        run,
                        GanTrainer.KIND,
                        GanTrainingConfig.class,
                        RunOptionsTest::defaults,
                        new PrintWriter(new StringWriter())));
    assertTrue(e.getMessage().contains("pass --resume"), e.getMessage());
  }
}
