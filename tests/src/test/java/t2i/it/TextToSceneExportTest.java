package t2i.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.error.UserException;
import t2i.export.TextToSceneExport;
import t2i.serving.GeneratedScene;
import t2i.serving.Text2LayoutContract;
import t2i.serving.Text2SceneClient;
import t2i.serving.Text2SceneContract;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RestClient;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.training.layout.SceneLayout;
import t2i.training.layout.SceneLayouts;
import t2i.training.layout.SceneModel;
import t2i.training.layout.ScenePipeline;
import t2i.training.layout.TinyBoxRuns;
import t2i.training.layout.TinyLayoutImageRuns;
import t2i.training.layout.TinyShapeRuns;

/**
 * Tiny box, shape and image runs chained, exported as text2layout (with masks) and text2scene,
 * loaded back: the export draws the scenes {@code t2i sample scene} draws, in any batch, in a fresh
 * JVM with plain TensorFlow Java, and over {@code t2i serve} through the typed client.
 */
class TextToSceneExportTest {
  static final long SEED = 40;

  @TempDir static Path dir;
  static Path boxes;
  static Path shapes;
  static Path image;
  static Path models;
  static List<String> captions;
  static SceneModel.Scenes expected;

  @BeforeAll
  static void trainAndExport() throws IOException {
    Path dataset = EmojiFixture.buildScenesDataset(dir, 30);
    Path embeddings = TinyLayoutImageRuns.embeddings(dataset, dir); // trains dir/boxes
    boxes = dir.resolve("boxes");
    shapes = TinyShapeRuns.train(dir.resolve("shapes"), TinyShapeRuns.config(dataset, 2), 2);
    image =
        TinyLayoutImageRuns.train(
            dir.resolve("image"), TinyLayoutImageRuns.config(dataset, embeddings, 3), 2);
    List<SceneLayout> scenes = SceneLayouts.read(dataset, Split.TRAINVAL);
    captions = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      captions.add(scenes.get(i).captions().get(0));
    }
    models = dir.resolve("models");
    TextToSceneExport.exportLayout(boxes, shapes, models, 1, false);
    TextToSceneExport.exportScene(boxes, shapes, image, models, 1, false);
    try (SceneModel m = new SceneModel(ScenePipeline.Runs.load(boxes, shapes, image), 1)) {
      expected = m.sample(captions, seeds(SEED, captions.size()), m.runs().boxes().temperature());
    }
  }

  static long[] seeds(long base, int n) {
    long[] s = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = base + i;
    }
    return s;
  }

  @Test
  void theSignaturesAreWhatTheContractsSay() {
    try (SavedModelBundle b =
        SavedModelBundle.load(models.resolve("text2scene/1").toString(), "serve")) {
      SignatureDef d =
          b.metaGraphDef().getSignatureDefMap().get(Text2SceneContract.SERVING_DEFAULT);
      assertEquals(
          Set.of(Text2SceneContract.TEXT, Text2SceneContract.SEED), d.getInputsMap().keySet());
      assertEquals(
          Set.of(
              Text2SceneContract.IMAGE,
              Text2SceneContract.PNG,
              Text2SceneContract.LABELS,
              Text2SceneContract.BOXES,
              Text2SceneContract.COUNT,
              Text2SceneContract.MASKS),
          d.getOutputsMap().keySet());
      assertTrue(
          b.metaGraphDef()
              .getSignatureDefMap()
              .get(Text2SceneContract.SAMPLE)
              .getInputsMap()
              .containsKey(Text2SceneContract.TEMPERATURE));
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(models.resolve("text2layout/1").toString(), "serve")) {
      assertTrue(
          b.metaGraphDef()
              .getSignatureDefMap()
              .get(Text2LayoutContract.SERVING_DEFAULT)
              .getOutputsMap()
              .containsKey(Text2LayoutContract.MASKS));
    }
  }

  @Test
  void aSeedGivesThePipelinesSceneInAnyBatch() {
    int n = captions.size();
    int pixels = expected.imageSide() * expected.imageSide() * 3;
    try (SavedModelBundle b =
        SavedModelBundle.load(models.resolve("text2scene/1").toString(), "serve")) {
      Call all = call(b, captions, seeds(SEED, n));
      assertArrayEquals(expected.layouts().labels(), all.labels());
      assertArrayEquals(expected.counts(), all.counts());
      TextEncoderExportTest.assertClose(expected.images(), all.images());
      TextEncoderExportTest.assertClose(expected.layouts().masks(), all.masks());
      // the third caption alone, with its seed
      Call alone = call(b, List.of(captions.get(2)), new long[] {SEED + 2});
      TextEncoderExportTest.assertClose(
          Arrays.copyOfRange(expected.images(), 2 * pixels, 3 * pixels), alone.images());
    }
    try (SavedModelBundle b =
        SavedModelBundle.load(models.resolve("text2layout/1").toString(), "serve")) {
      Call layout = call(b, captions, seeds(SEED, n));
      assertArrayEquals(expected.layouts().labels(), layout.labels());
      TextEncoderExportTest.assertClose(expected.layouts().masks(), layout.masks());
    }
  }

  @Test
  void aFreshJvmWithOnlyTensorFlowGetsTheSameImages() throws Exception {
    FreshJvmProbe.Output out =
        FreshJvmProbe.call(
            dir.resolve("probe"), models.resolve("text2scene/1"), captions, "image", SEED);
    int side = expected.imageSide();
    assertArrayEquals(new long[] {captions.size(), side, side, 3}, out.shape());
    float[] unit = new float[expected.images().length];
    for (int i = 0; i < unit.length; i++) {
      unit[i] = (expected.images()[i] + 1) / 2;
    }
    TextEncoderExportTest.assertClose(unit, out.values());
  }

  @Test
  void theRestServerAndTheTypedClientGiveTheScenes() throws Exception {
    try (ModelRepository repository = ModelRepository.load(models);
        ModelServer server = ModelServer.start(repository, ServerOptions.defaults().withPort(0));
        RestClient rest = RestClient.builder(server.baseUri()).build()) {
      List<Long> seeds = Arrays.stream(seeds(SEED, captions.size())).boxed().toList();
      List<GeneratedScene> scenes =
          Text2SceneClient.of(rest).withMaxBatchSize(3).generate(captions, seeds);
      assertEquals(captions.size(), scenes.size());
      int slots = expected.layouts().slots();
      for (int i = 0; i < scenes.size(); i++) {
        GeneratedScene s = scenes.get(i);
        assertEquals(expected.counts()[i], s.objects().size());
        for (int t = 0; t < s.objects().size(); t++) {
          assertEquals(expected.layouts().labels()[i * slots + t], s.objects().get(t).label());
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(s.png()));
        assertEquals(expected.imageSide(), png.getWidth());
      }
    }
  }

  @Test
  void anImageRunTrainedOnAnotherBoxRunsCaptionsIsRefused() throws IOException {
    Path other =
        TinyBoxRuns.train(
            dir.resolve("other-boxes"), TinyBoxRuns.config(dir.resolve("scenes"), "words", 9), 1);
    UserException e =
        assertThrows(UserException.class, () -> ScenePipeline.Runs.load(other, shapes, image));
    assertTrue(e.getMessage().contains("was trained on captions encoded by"), e.getMessage());
  }

  record Call(int[] labels, int[] counts, float[] masks, float[] images) {}

  private static Call call(SavedModelBundle b, List<String> texts, long[] seeds) {
    try (TString t = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(String[]::new)));
        TInt64 s = TInt64.vectorOf(seeds);
        Result r =
            b.function(Text2SceneContract.SERVING_DEFAULT)
                .call(Map.of(Text2SceneContract.TEXT, t, Text2SceneContract.SEED, s))) {
      TInt32 labels = (TInt32) r.get(Text2SceneContract.LABELS).orElseThrow();
      TInt32 counts = (TInt32) r.get(Text2SceneContract.COUNT).orElseThrow();
      TFloat32 masks = (TFloat32) r.get(Text2SceneContract.MASKS).orElseThrow();
      float[] images = new float[0];
      if (r.get(Text2SceneContract.IMAGE).isPresent()) {
        TFloat32 image = (TFloat32) r.get(Text2SceneContract.IMAGE).orElseThrow();
        images = new float[(int) image.shape().size()];
        image.asRawTensor().data().asFloats().read(images);
        for (int i = 0; i < images.length; i++) {
          images[i] = images[i] * 2 - 1; // the contract's [0, 1] as the pipeline's [−1, 1]
        }
      }
      int[] l = new int[(int) labels.shape().size()];
      labels.asRawTensor().data().asInts().read(l);
      int[] c = new int[(int) counts.shape().size()];
      counts.asRawTensor().data().asInts().read(c);
      float[] m = new float[(int) masks.shape().size()];
      masks.asRawTensor().data().asFloats().read(m);
      return new Call(l, c, m, images);
    }
  }
}
