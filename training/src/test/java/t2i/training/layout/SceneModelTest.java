package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;

/** The pipeline restored from tiny runs: its ablation rows, and layouts or masks given. */
class SceneModelTest {
  @TempDir static Path dir;
  static ScenePipeline.Runs runs;
  static List<SceneRecord> test;

  @BeforeAll
  static void tinyRuns() throws IOException {
    Path dataset = EmojiFixture.buildScenesDataset(dir, 30);
    Path embeddings = TinyLayoutImageRuns.embeddings(dataset, dir);
    Path shapes = TinyShapeRuns.train(dir.resolve("shapes"), TinyShapeRuns.config(dataset, 2), 1);
    Path image =
        TinyLayoutImageRuns.train(
            dir.resolve("image"), TinyLayoutImageRuns.config(dataset, embeddings, 3), 1);
    runs = ScenePipeline.Runs.load(dir.resolve("boxes"), shapes, image);
    test = SceneDataset.open(dataset).read(Split.TEST);
  }

  @Test
  void theAblationRowsDrawOnTheLayoutsTheyName() {
    List<SceneRecord> scenes = test.subList(0, 3);
    List<String> captions = scenes.stream().map(s -> s.captions().get(0)).toList();
    try (SceneModel m = new SceneModel(runs, 1)) {
      List<RenderedScenes> rows = m.ablationRows(scenes, captions, 5);
      assertEquals(SceneModel.ABLATION_ROWS, rows.stream().map(RenderedScenes::condition).toList());
      SceneTensors truth = SceneTensors.of(scenes, runs.slots(), runs.classNames().size());
      for (RenderedScenes row : rows.subList(1, 3)) {
        for (int i = 0; i < scenes.size(); i++) {
          List<LayoutObject> objects = row.layouts().get(i);
          assertEquals(scenes.get(i).objects().size(), objects.size(), row.condition());
          for (int t = 0; t < objects.size(); t++) {
            assertEquals(scenes.get(i).objects().get(t).classId(), objects.get(t).classId());
            assertEquals(scenes.get(i).objects().get(t).box().x(), objects.get(t).box().x(), 1e-6);
          }
        }
      }
      // Mask IoU: none per instance without the true boxes; the true masks score 1.
      assertEquals(null, rows.get(0).masks().instance());
      assertEquals(1.0, rows.get(2).masks().instance(), 1e-12);
      assertEquals(1.0, rows.get(2).masks().global(), 1e-12);
      MaskIou predicted = rows.get(1).masks();
      assertTrue(predicted.instance() >= 0 && predicted.instance() <= 1, "" + predicted);
      assertTrue(
          predicted.filledBoxInstance() > 0 && predicted.filledBoxInstance() < 1, "" + predicted);
      assertFalse(
          Arrays.equals(rows.get(1).images(), rows.get(2).images()),
          "true masks draw the same images as predicted ones");

      // Given masks come back as given, and the drawn masks stay inside the given boxes.
      long[] seeds = {5, 6, 7};
      SceneModel.Scenes given = m.render(captions, seeds, truth, true);
      assertArrayEquals(truth.masks(), given.layouts().masks());
      SceneModel.Scenes drawn = m.render(captions, seeds, truth, false);
      float[] inside = ShapeEvaluator.filledBoxes(truth);
      for (int p = 0; p < inside.length; p++) {
        if (inside[p] == 0) {
          assertEquals(0f, drawn.layouts().masks()[p], "a mask outside its box at " + p);
        }
      }
      // The whole pipeline: the same seed gives the same scene alone and in a batch.
      SceneModel.Scenes batch = m.sample(captions, seeds, 0.5f);
      SceneModel.Scenes alone = m.sample(List.of(captions.get(1)), new long[] {seeds[1]}, 0.5f);
      int pixels = batch.imageSide() * batch.imageSide() * 3;
      float[] second = Arrays.copyOfRange(batch.images(), pixels, 2 * pixels);
      for (int i = 0; i < pixels; i++) {
        assertEquals(second[i], alone.images()[i], 1e-5f);
      }
      assertTrue(batch.counts()[1] >= 0 && batch.counts()[1] <= runs.slots());
    }
  }
}
