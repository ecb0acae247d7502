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
import t2i.data.emoji.EmojiFixture;

/**
 * train boxes → embed → train layout-image → sample layout-image, as a user types them: the caption
 * embeddings come from the box run's caption encoder, named under the dataset.
 */
class LayoutImageCommandsTest {
  @TempDir static Path dir;
  static Path scenes;
  static Path run;

  @BeforeAll
  static void trainATinyRun() throws IOException {
    scenes = EmojiFixture.buildScenesDataset(dir, 30);
    Path boxes = dir.resolve("boxes");
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
            "2",
            "--threads",
            "1",
            "--out",
            boxes.toString());
    assertEquals(0, train.exit(), train.err());
    CliRun embed =
        CliRun.of(
            "embed",
            boxes.toString(),
            "--data",
            scenes.toString(),
            "--name",
            "tiny-words",
            "--threads",
            "1");
    assertEquals(0, embed.exit(), embed.err());
    run = dir.resolve("layout-image");
    CliRun image =
        CliRun.of(
            "train",
            "layout-image",
            "--data",
            scenes.toString(),
            "--embeddings",
            "tiny-words",
            "--preset",
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
    assertEquals(0, image.exit(), image.err());
    assertTrue(image.err().contains("layout-image tiny: G "), image.err());
  }

  @Test
  void trainingWritesSampleGridsResumesAndRefusesToChangeTheModel() throws IOException {
    assertTrue(Files.isRegularFile(run.resolve("samples/step-0000002.png")));
    assertTrue(Files.isRegularFile(run.resolve("samples/step-0000003.png")), "the last step");
    assertTrue(Files.isRegularFile(run.resolve("samples/latest.png")));
    CliRun more =
        CliRun.of(
            "train",
            "layout-image",
            "--resume",
            "--steps",
            "4",
            "--threads",
            "1",
            "--out",
            run.toString());
    assertEquals(0, more.exit(), more.err());
    assertTrue(Files.isRegularFile(run.resolve("samples/step-0000004.png")));
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "layout-image",
            "--resume",
            "--batch",
            "8",
            "--steps",
            "6",
            "--out",
            run.toString()),
        "--batch");
  }

  @Test
  void aNewRunNeedsEmbeddingsAndAKnownPreset() {
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "layout-image",
            "--data",
            scenes.toString(),
            "--steps",
            "1",
            "--out",
            dir.resolve("no-embeddings").toString()),
        "--embeddings");
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "layout-image",
            "--data",
            scenes.toString(),
            "--embeddings",
            "tiny-words",
            "--preset",
            "huge",
            "--steps",
            "1",
            "--out",
            dir.resolve("huge").toString()),
        "huge");
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "layout-image",
            "--data",
            scenes.toString(),
            "--embeddings",
            "missing",
            "--preset",
            "tiny",
            "--steps",
            "1",
            "--out",
            dir.resolve("missing").toString()),
        "holds no caption embeddings");
  }

  @Test
  void sampleDrawsLabelMapImagesAndRealPerScene() throws IOException {
    Path png = dir.resolve("grid.png");
    CliRun r =
        CliRun.of(
            "sample",
            "layout-image",
            run.toString(),
            "--scenes",
            "2",
            "--n",
            "3",
            "--threads",
            "1",
            "--out",
            png.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("2 test scenes x 3 images"), r.out());
    BufferedImage grid = ImageIO.read(png.toFile());
    // label map, 3 images, real: five 16-pixel cells drawn at 128 pixels
    assertTrue(grid.getWidth() >= 5 * 128, "width " + grid.getWidth());
    assertTrue(grid.getHeight() >= 2 * 128, "height " + grid.getHeight());
    CliTest.assertOneLineError(
        CliRun.of("sample", "layout-image", run.toString(), "--n", "0", "--out", png.toString()),
        "--n");
  }
}
