package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.training.layout.ShapeEvaluation;

/**
 * train shapes → eval shapes → sample shapes, then the whole pipeline: sample scene and export
 * --boxes --shapes --image, as a user types them.
 */
class SceneCommandsTest {
  @TempDir static Path dir;
  static Path scenes;
  static Path boxes;
  static Path shapes;
  static Path image;

  static void ok(String... args) {
    CliRun r = CliRun.of(args);
    assertEquals(0, r.exit(), r.err());
  }

  @BeforeAll
  static void trainTheThreeStages() throws IOException {
    scenes = EmojiFixture.buildScenesDataset(dir, 30);
    String data = scenes.toString();
    boxes = dir.resolve("boxes");
    shapes = dir.resolve("shapes");
    image = dir.resolve("image");
    ok(
        "train",
        "boxes",
        "--data",
        data,
        "--text-preset",
        "tiny",
        "--batch",
        "4",
        "--steps",
        "2",
        "--threads",
        "1",
        "--out",
        boxes.toString());
    ok("embed", boxes.toString(), "--data", data, "--name", "tiny", "--threads", "1");
    ok(
        "train",
        "shapes",
        "--data",
        data,
        "--preset",
        "tiny",
        "--batch",
        "2",
        "--steps",
        "2",
        "--sample-every",
        "1",
        "--threads",
        "1",
        "--out",
        shapes.toString());
    ok(
        "train",
        "layout-image",
        "--data",
        data,
        "--embeddings",
        "tiny",
        "--preset",
        "tiny",
        "--batch",
        "4",
        "--steps",
        "2",
        "--threads",
        "1",
        "--out",
        image.toString());
  }

  @Test
  void theGanTakesTheEmbeddingsByNameAndDoesNotMirrorScenes() throws IOException {
    Path gan = dir.resolve("gan");
    ok(
        "train",
        "gan",
        "--data",
        scenes.toString(),
        "--embeddings",
        "tiny",
        "--preset",
        "tiny",
        "--batch",
        "4",
        "--steps",
        "1",
        "--threads",
        "1",
        "--out",
        gan.toString());
    String config = Files.readString(gan.resolve("config.json"));
    assertTrue(
        config.contains(scenes.resolve("embeddings").resolve("tiny").toAbsolutePath().toString()),
        config);
    assertTrue(config.contains("\"flip\": false"), config);
  }

  @Test
  void shapesTrainingWritesMaskGridsEverySampleEverySteps() throws IOException {
    assertTrue(Files.isRegularFile(shapes.resolve("samples/step-0000001.png")));
    assertTrue(Files.isRegularFile(shapes.resolve("samples/step-0000002.png")));
    // up to 8 test scenes: the true masks and 3 seeds, 128 pixels each
    int rows = Math.min(8, SceneDataset.open(scenes).read(Split.TEST).size());
    BufferedImage grid = ImageIO.read(shapes.resolve("samples/latest.png").toFile());
    assertTrue(grid.getHeight() >= rows * 128, rows + " rows, height " + grid.getHeight());
    CliRun help = CliRun.of("train", "shapes", "--help");
    assertTrue(help.out().contains("--sample-every"), help.out());
    assertTrue(help.out().contains("Steps between sample grids (default: 500)"), help.out());
  }

  @Test
  void shapesResumeAndRefuseToChangeTheModel() {
    ok("train", "shapes", "--resume", "--steps", "3", "--threads", "1", "--out", shapes.toString());
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "shapes",
            "--resume",
            "--preset",
            "cpu",
            "--steps",
            "4",
            "--out",
            shapes.toString()),
        "--preset");
  }

  @Test
  void evalShapesWritesItsFiguresBesideTheFilledBoxBaseline() {
    CliRun r = CliRun.of("eval", "shapes", shapes.toString(), "--threads", "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("filled boxes (baseline)"), r.out());
    ShapeEvaluation e = Json.read(shapes.resolve(ShapeEvaluation.FILE), ShapeEvaluation.class);
    assertTrue(e.objects() > 0 && e.boxInstanceIou() > 0 && e.boxInstanceIou() < 1, e.toString());
  }

  @Test
  void sampleShapesAndSampleSceneDrawTheirGrids() throws IOException {
    Path png = dir.resolve("shapes.png");
    ok(
        "sample",
        "shapes",
        shapes.toString(),
        "--scenes",
        "3",
        "--n",
        "2",
        "--out",
        png.toString(),
        "--threads",
        "1");
    BufferedImage grid = ImageIO.read(png.toFile());
    assertTrue(grid.getWidth() >= 4 * 64 * 3, "image | true | 2 seeds: " + grid.getWidth());

    Path out = dir.resolve("scenes");
    ok(
        "sample",
        "scene",
        "--boxes",
        boxes.toString(),
        "--shapes",
        shapes.toString(),
        "--image",
        image.toString(),
        "--text",
        "a cat left of a car",
        "--text",
        "two apples",
        "--n",
        "2",
        "--out",
        out.toString(),
        "--threads",
        "1");
    assertTrue(Files.isRegularFile(out.resolve("scene-1.png")));
    assertTrue(Files.isRegularFile(out.resolve("scene-2.png")));
    assertTrue(ImageIO.read(out.resolve("scene-2.png").toFile()).getWidth() >= 4 * 64 * 3);
  }

  @Test
  void exportWritesTheLayoutAndTheSceneModelsAndWantsTheWholePipeline() {
    Path models = dir.resolve("models");
    ok(
        "export",
        "--boxes",
        boxes.toString(),
        "--shapes",
        shapes.toString(),
        "--image",
        image.toString(),
        "--out",
        models.toString());
    assertTrue(Files.isRegularFile(models.resolve("text2layout/1/saved_model.pb")));
    assertTrue(Files.isRegularFile(models.resolve("text2scene/1/saved_model.pb")));
    CliTest.assertOneLineError(
        CliRun.of("export", "--shapes", shapes.toString(), "--out", models.toString()),
        "--shapes needs --boxes");
  }
}
