package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.training.layout.BoxEvaluation;

/** train boxes → sample boxes → eval boxes → export --boxes, as a user types them. */
class BoxesCommandsTest {
  @TempDir static Path dir;
  static Path scenes;
  static Path run;

  @BeforeAll
  static void trainATinyRun() throws IOException {
    scenes = EmojiFixture.buildScenesDataset(dir, 30);
    run = dir.resolve("boxes");
    CliRun train =
        CliRun.of(
            "train",
            "boxes",
            "--data",
            scenes.toString(),
            "--text-preset",
            "tiny",
            "--batch",
            "4",
            "--steps",
            "3",
            "--sample-every",
            "2",
            "--threads",
            "1",
            "--out",
            run.toString());
    assertEquals(0, train.exit(), train.err());
  }

  @Test
  void trainingWritesLayoutGridsEverySampleEverySteps() throws IOException {
    assertTrue(Files.isRegularFile(run.resolve("samples/step-0000002.png")));
    assertTrue(Files.isRegularFile(run.resolve("samples/step-0000003.png")), "the last step's");
    assertFalse(Files.exists(run.resolve("samples/step-0000001.png")));
    // 2 × 4 scenes' captions: the true layout and 4 seeds, 128 pixels each
    assertTrue(ImageIO.read(run.resolve("samples/latest.png").toFile()).getWidth() >= 5 * 128);
    CliRun help = CliRun.of("train", "boxes", "--help");
    assertTrue(help.out().contains("--sample-every"), help.out());
    assertTrue(help.out().contains("Steps between sample grids (default: 500)"), help.out());
    CliRun zero =
        CliRun.of("train", "boxes", "--sample-every", "0", "--out", dir.resolve("x").toString());
    assertEquals(2, zero.exit(), zero.err());
    assertTrue(zero.err().contains("'--sample-every': must be >= 1, was 0"), zero.err());
  }

  @Test
  void trainingResumesAndRefusesToChangeTheModel() {
    CliRun more =
        CliRun.of(
            "train",
            "boxes",
            "--resume",
            "--steps",
            "5",
            "--threads",
            "1",
            "--out",
            run.toString());
    assertEquals(0, more.exit(), more.err());
    CliTest.assertOneLineError(
        CliRun.of(
            "train", "boxes", "--resume", "--batch", "8", "--steps", "6", "--out", run.toString()),
        "--batch");
  }

  @Test
  void sampleDrawsARowOfLayoutsPerText() throws IOException {
    Path png = dir.resolve("layouts.png");
    CliRun r =
        CliRun.of(
            "sample",
            "boxes",
            run.toString(),
            "--text",
            "a rose to the left of a snake",
            "--text",
            "a rocket",
            "--n",
            "3",
            "--out",
            png.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("3 layouts for each of 2 texts"), r.out());
    assertTrue(ImageIO.read(png.toFile()).getWidth() >= 3 * 160, "three 160-pixel layouts a row");
    CliTest.assertOneLineError(
        CliRun.of(
            "sample", "boxes", run.toString(), "--text", "x", "--n", "0", "--out", png.toString()),
        "--n");
  }

  @Test
  void evalWritesItsTableAndJson() {
    CliRun r = CliRun.of("eval", "boxes", run.toString(), "--layouts", "2", "--threads", "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("sampled layouts"), r.out());
    assertTrue(r.out().contains("relation swap"), r.out());
    BoxEvaluation e = Json.read(run.resolve(BoxEvaluation.FILE), BoxEvaluation.class);
    assertEquals("test", e.split());
    assertEquals(2, e.layoutsPerCaption());
    assertEquals(2L * e.captions(), e.sampled().pairs());
  }

  @Test
  void exportWritesText2layout() {
    Path models = dir.resolve("models");
    CliRun r = CliRun.of("export", "--boxes", run.toString(), "--out", models.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isRegularFile(models.resolve("text2layout/1/saved_model.pb")), r.out());
    assertTrue(Files.isRegularFile(models.resolve("text2layout/1/classes.json")), r.out());
  }

  @Test
  void aGanRunIsStillSampledWithoutTheSubcommand() {
    CliTest.assertOneLineError(CliRun.of("sample"), "give RUN, --text and --out");
  }
}
