package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.training.TinyRuns;
import t2i.training.gan.GanModel;
import t2i.training.gan.GanTrainingConfig;

/** Reed's GAN trained on scenes with a box run's caption encoding, as the row without a layout. */
class NoLayoutRowTest {
  @TempDir Path dir;

  @Test
  void eachSceneIsDrawnForItsCaptionAndReadAtItsTrueBoxes() throws IOException {
    Path dataset = EmojiFixture.buildScenesDataset(dir, 30);
    Path embeddings = TinyLayoutImageRuns.embeddings(dataset, dir); // from the box run dir/boxes
    GanTrainingConfig config =
        GanTrainingConfig.defaultsFor(dataset, embeddings).preset("tiny").batchSize(4).build();
    Path run = TinyRuns.trainGan(dir.resolve("gan"), config, 2);
    List<SceneRecord> scenes = SceneDataset.open(dataset).read(Split.TEST).subList(0, 3);
    List<String> captions = scenes.stream().map(s -> s.captions().get(0)).toList();
    try (GanModel gan = GanModel.load(run, 1);
        LayoutModel encoder = LayoutModel.load(dir.resolve("boxes"), 1)) {
      RenderedScenes row = NoLayoutRow.render(gan, encoder, scenes, captions, 9);
      int side = config.gan().imageSize();
      int pixels = side * side * 3;
      assertEquals(3 * pixels, row.images().length);
      assertEquals(captions, row.captions());
      for (int i = 0; i < scenes.size(); i++) {
        assertEquals(scenes.get(i).objects().size(), row.layouts().get(i).size());
        assertEquals(
            scenes.get(i).objects().get(0).classId(), row.layouts().get(i).get(0).classId());
      }
      RenderedScenes second =
          NoLayoutRow.render(gan, encoder, scenes.subList(1, 2), captions.subList(1, 2), 10);
      assertArrayEquals(
          Arrays.copyOfRange(row.images(), pixels, 2 * pixels), second.images(), 1e-5f);
    }
  }
}
