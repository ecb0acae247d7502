package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.training.gan.SampleListener;
import t2i.training.run.RunDirectory;

class ShapeSamplesTest {
  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
  }

  @Test
  void theTrainerWritesAGridOfTrueAndDrawnMasksThatFollowsItsWeights() throws IOException {
    ShapesConfig c = TinyShapeRuns.config(dataset, 1);
    assertEquals(64, c.generator().side(), "drawn twice as large: 128-pixel cells");
    Path run = dir.resolve("grid");
    RunDirectory.create(run, ShapesTrainer.KIND, c);
    try (ShapesTrainer t = new ShapesTrainer(c, run, null, 1);
        SampleListener samples = ShapeSamples.listener(t, run, 2, 3, 4)) {
      for (int i = 0; i < 2; i++) {
        samples.stepDone(t.trainStep(), 0);
      }
      for (int i = 0; i < 6; i++) {
        t.trainStep();
      }
      samples.finished(t.step(), 0);
    }
    assertFalse(Files.exists(run.resolve("samples/step-0000001.png")), "written every 2 steps");
    BufferedImage before = ImageIO.read(run.resolve("samples/step-0000002.png").toFile());
    BufferedImage after = ImageIO.read(run.resolve("samples/step-0000008.png").toFile());
    GridCells cells = new GridCells(128);
    // 3 test scenes; the true masks and 4 seeds each.
    assertEquals(cells.width(5), before.getWidth());
    assertEquals(3, cells.rowTops(before).size());
    boolean seedsDiffer = false;
    boolean changed = false;
    for (int row = 0; row < 3; row++) {
      assertTrue(cells.colouredPixels(before, row, 0) > 100, "row " + row + "'s true masks");
      assertTrue(cells.same(before, after, row, 0), "row " + row + "'s true masks moved");
      for (int column = 1; column < 5; column++) {
        assertTrue(cells.colouredPixels(before, row, column) > 0, "a blank cell");
        changed |= !cells.same(before, after, row, column);
      }
      seedsDiffer |= !cells.same(before, row, 1, before, row, 2);
    }
    assertTrue(changed, "6 steps of training changed no mask");
    assertTrue(seedsDiffer, "two seeds drew the same masks");
  }

  @Test
  void theTrainerDrawsAsTheModelOfItsCheckpoint() throws IOException {
    ShapesConfig c = TinyShapeRuns.config(dataset, 2);
    Path run = dir.resolve("same");
    RunDirectory.create(run, ShapesTrainer.KIND, c);
    List<SceneRecord> test = SceneDataset.open(dataset).read(Split.TEST).subList(0, 3);
    SceneTensors layouts = SceneTensors.of(test, c.generator().slots(), c.emptyLabel());
    long[] seeds = {3, 4, 5};
    float[] fromTrainer;
    try (ShapesTrainer t = new ShapesTrainer(c, run, null, 1)) {
      for (int i = 0; i < 3; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      fromTrainer = t.masks(layouts, seeds);
    }
    try (ShapesModel m = ShapesModel.load(run, 1)) {
      assertArrayEquals(m.masks(layouts, seeds), fromTrainer, 1e-5f);
    }
  }
}
