package t2i.training.layout;

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
import t2i.training.gan.SampleListener;
import t2i.training.run.RunDirectory;

class BoxSamplesTest {
  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
  }

  @Test
  void theTrainerWritesAGridOfTrueAndSampledLayoutsThatFollowsItsWeights() throws IOException {
    BoxesConfig c = TinyBoxRuns.config(dataset, BoxesConfig.WORDS, 5);
    Path run = dir.resolve("grid");
    RunDirectory.create(run, BoxesTrainer.KIND, c);
    try (BoxesTrainer t = new BoxesTrainer(c, run, null, 1);
        SampleListener samples = BoxSamples.listener(t, run, 2, 2, 5)) {
      for (int i = 0; i < 2; i++) {
        samples.stepDone(t.trainStep(), 0);
      }
      for (int i = 0; i < 30; i++) {
        t.trainStep();
      }
      samples.finished(t.step(), 0);
    }
    Path early = run.resolve("samples/step-0000002.png");
    Path late = run.resolve("samples/step-0000032.png");
    assertFalse(Files.exists(run.resolve("samples/step-0000001.png")), "written every 2 steps");
    BufferedImage before = ImageIO.read(early.toFile());
    BufferedImage after = ImageIO.read(late.toFile());
    GridCells cells = new GridCells(BoxSamples.SIDE);
    // 2 trainval and 2 test captions; the true layout and 5 seeds each.
    assertEquals(cells.width(6), before.getWidth());
    assertEquals(4, cells.rowTops(before).size());
    for (int row = 0; row < 4; row++) {
      assertTrue(cells.colouredPixels(before, row, 0) > 100, "row " + row + "'s true layout");
      assertTrue(cells.same(before, after, row, 0), "row " + row + "'s true layout moved");
    }
    boolean changed = false;
    boolean seedsDiffer = false;
    for (int row = 0; row < 4; row++) {
      for (int column = 1; column < 6; column++) {
        changed |= !cells.same(before, after, row, column);
      }
      seedsDiffer |= !cells.same(before, row, 1, before, row, 2);
    }
    assertTrue(changed, "30 steps of training changed no sampled layout");
    assertTrue(seedsDiffer, "two seeds drew the same layouts");
  }

  @Test
  void theTrainerSamplesAsTheModelOfItsCheckpoint() throws IOException {
    BoxesConfig c = TinyBoxRuns.config(dataset, BoxesConfig.WORDS, 6);
    Path run = dir.resolve("same");
    RunDirectory.create(run, BoxesTrainer.KIND, c);
    List<String> captions = SceneLayouts.read(dataset, Split.TEST).get(0).captions();
    long[] seeds = new long[captions.size()];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 40 + i;
    }
    List<List<LayoutObject>> fromTrainer;
    try (BoxesTrainer t = new BoxesTrainer(c, run, null, 1)) {
      for (int i = 0; i < 5; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
      fromTrainer = t.sample(captions, seeds, 1f);
    }
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      List<List<LayoutObject>> fromModel = m.sample(captions, seeds, 1f);
      for (int i = 0; i < captions.size(); i++) {
        TinyBoxRuns.assertSameLayout(fromModel.get(i), fromTrainer.get(i));
      }
    }
  }
}
