package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.training.BatchTensors;
import t2i.training.Sessions;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.Noise;
import t2i.training.loop.StepResult;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

class LayoutImageTrainerTest {
  @TempDir static Path dir;
  static Path dataset;
  static Path embeddings;
  static List<SceneRecord> scenes;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
    embeddings = TinyLayoutImageRuns.embeddings(dataset, dir);
    scenes = SceneDataset.open(dataset).read(Split.TRAINVAL);
  }

  static LayoutImageTrainingConfig tiny() {
    return TinyLayoutImageRuns.config(dataset, embeddings, 5);
  }

  static List<StepResult> train(LayoutImageTrainer t, int steps) throws IOException {
    List<StepResult> results = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      results.add(t.trainStep());
    }
    return results;
  }

  @Test
  void theConfigFollowsTheDatasetAndTheEmbeddings() {
    LayoutImageTrainingConfig c = tiny();
    assertEquals(20, c.classNames().size());
    assertEquals(20, c.network().classes());
    assertEquals(CaptionEmbeddings.read(embeddings).dim(), c.network().embeddingDim());
    int most = scenes.stream().mapToInt(s -> s.objects().size()).max().orElseThrow();
    assertEquals(most, c.slots());
    assertEquals(16, c.network().imageSize());
    assertEquals(10f, c.reconstructionWeight());
    assertEquals(2e-4f, c.learningRate());
    assertEquals(0.5f, c.beta1());
  }

  @Test
  void embeddingsOfOtherScenesAreRefused() {
    CaptionEmbeddings e = CaptionEmbeddings.read(embeddings);
    LayoutImageTrainer.checkAligned(e, Split.TRAINVAL, scenes, "E", "D");
    var error =
        assertThrows(
            UserException.class,
            () ->
                LayoutImageTrainer.checkAligned(
                    e, Split.TRAINVAL, scenes.subList(1, scenes.size()), "E", "D"));
    assertTrue(error.getMessage().contains("E was not made from D"), error.getMessage());
  }

  @Test
  void scenesArePooledToTheNetworksSideAndNeverEnlarged() {
    // 4×4 → 2×2, one channel: each value the mean of its 2×2 block
    float[] plane = {1, 3, 0, 0, 5, 7, 0, 4, 2, 2, 1, 1, 2, 2, 1, 1};
    assertArrayEquals(
        new float[] {4, 1, 2, 1}, LayoutImageBatch.averageBlocks(plane, 1, 4, 1, 2), 1e-6f);
    List<SceneRecord> two = scenes.subList(0, 2);
    LayoutImageBatch full = LayoutImageBatch.of(two, 4, 20, 64);
    LayoutImageBatch small = LayoutImageBatch.of(two, 4, 20, 16);
    assertEquals(2 * 16 * 16 * 3, small.images().length);
    assertEquals(2 * 4 * 16 * 16, small.masks().length);
    assertArrayEquals(full.labels(), small.labels());
    float fullCover = 0;
    float smallCover = 0;
    for (float m : full.masks()) {
      fullCover += m;
    }
    for (float m : small.masks()) {
      smallCover += m;
    }
    assertEquals(fullCover / 16, smallCover, 1e-2f * fullCover, "coverage kept when pooled");
    var e = assertThrows(UserException.class, () -> LayoutImageBatch.of(two, 4, 20, 128));
    assertTrue(e.getMessage().contains("the scenes are 64 pixels"), e.getMessage());
  }

  @Test
  void theDiscriminatorScoresTheThreePairsOfGanClsAndGTheAdversarialAndPerceptualTerms() {
    LayoutImageTrainingConfig c = tiny();
    int n = 4;
    int e = c.network().embeddingDim();
    LayoutImageBatch b = LayoutImageBatch.of(scenes.subList(0, n), c.slots(), 20, 16);
    CaptionEmbeddings ce = CaptionEmbeddings.read(embeddings);
    float[] right = new float[n * e];
    float[] wrong = new float[n * e];
    for (int i = 0; i < n; i++) {
      ce.addTo(Split.TRAINVAL, i, 0, 1f, right, i * e);
      ce.addTo(Split.TRAINVAL, i + n, 0, 1f, wrong, i * e);
    }
    float[] z = Noise.normal(new SplittableRandom(3), n * c.network().zDim());
    LayoutImageGraph g = LayoutImageGraph.training(c);
    try (Session s = Sessions.create(g.graph, 1)) {
      s.initialize();
      float[][] mismatched = pairs(s, g, b, right, wrong, z);
      float[] sr = mismatched[0];
      float[] sw = mismatched[1];
      float[] sf = mismatched[2];
      double lossD = ce(sr, 1) + (ce(sw, 0) + ce(sf, 0)) / 2;
      assertEquals(lossD, mismatched[3][0], 1e-5);
      assertEquals(ce(sf, 1), mismatched[5][0], 1e-5);
      assertTrue(mismatched[6][0] > 0, "L_rec of an untrained G against real images");
      assertEquals(ce(sf, 1) + 10 * mismatched[6][0], mismatched[4][0], 1e-4);
      // The wrong text goes to the real/wrong pair only: given the right text, it scores as s_r.
      float[][] matched = pairs(s, g, b, right, right, z);
      assertArrayEquals(sr, matched[0], 1e-6f);
      assertArrayEquals(sf, matched[2], 1e-6f);
      assertArrayEquals(sr, matched[1], 1e-5f);
      assertTrue(maxDifference(sr, sw) > 1e-6, "wrong text changes nothing");
    } finally {
      g.graph.close();
    }
  }

  /** s_r, s_w, s_f, L_D, L_G, L_adv, L_rec, without training. */
  private static float[][] pairs(
      Session s, LayoutImageGraph g, LayoutImageBatch b, float[] right, float[] wrong, float[] z) {
    int n = b.n();
    int side = b.side();
    int e = right.length / n;
    int slots = b.labels().length / n;
    Map<Operand<?>, Tensor> feeds =
        Map.of(
            g.images, BatchTensors.rows(b.images(), 0, n, side, side, 3),
            g.masks, BatchTensors.rows(b.masks(), 0, n, slots, side, side),
            g.labels, LayoutImageGraph.labelTensor(b.labels(), n, slots),
            g.right, BatchTensors.matrix(right, n, e),
            g.wrong, BatchTensors.matrix(wrong, n, e),
            g.z, BatchTensors.matrix(z, n, z.length / n));
    try {
      Session.Runner r = s.runner();
      feeds.forEach(r::feed);
      List<Operand<TFloat32>> fetches =
          List.of(
              g.realRight,
              g.realWrong,
              g.fakeRight,
              g.lossD,
              g.lossG,
              g.adversarial,
              g.reconstruction);
      fetches.forEach(r::fetch);
      try (Result result = r.run()) {
        float[][] out = new float[fetches.size()][];
        for (int i = 0; i < fetches.size(); i++) {
          out[i] = BatchTensors.floats((TFloat32) result.get(i));
        }
        return out;
      }
    } finally {
      feeds.values().forEach(Tensor::close);
    }
  }

  /** Mean of −[z·log σ(x) + (1 − z)·log(1 − σ(x))], in double. */
  static double ce(float[] logits, double z) {
    double sum = 0;
    for (float x : logits) {
      double p = 1 / (1 + Math.exp(-x));
      sum += -(z * Math.log(p) + (1 - z) * Math.log(1 - p));
    }
    return sum / logits.length;
  }

  @Test
  void trainingStepsReportFiniteLossesAndTheReconstructionFalls() throws IOException {
    LayoutImageTrainingConfig c = tiny().toBuilder().learningRate(1e-3f).build();
    Path run = dir.resolve("learn");
    RunDirectory.create(run, LayoutImageTrainer.KIND, c);
    try (LayoutImageTrainer t = new LayoutImageTrainer(c, run, null, 1)) {
      assertEquals(
          List.of("loss_d", "loss_g", "adversarial", "reconstruction", "d_real", "d_fake"),
          t.scalarNames());
      List<StepResult> r = train(t, 40);
      for (StepResult s : r) {
        s.scalars().values().forEach(v -> assertTrue(Double.isFinite(v), r.toString()));
      }
      double first = mean(r.subList(0, 5), "reconstruction");
      double last = mean(r.subList(35, 40), "reconstruction");
      assertTrue(last < first, "L_rec " + first + " -> " + last);
    }
  }

  static double mean(List<StepResult> results, String scalar) {
    return results.stream().mapToDouble(s -> s.scalars().get(scalar)).average().orElseThrow();
  }

  @Test
  void aResumedRunTakesExactlyTheStepsOfOneThatNeverStopped() throws IOException {
    LayoutImageTrainingConfig c = tiny();
    Path straight = dir.resolve("straight");
    RunDirectory.create(straight, LayoutImageTrainer.KIND, c);
    List<StepResult> expected;
    try (LayoutImageTrainer t = new LayoutImageTrainer(c, straight, null, 1)) {
      expected = train(t, 6);
    }
    Path stopped = dir.resolve("stopped");
    RunDirectory.create(stopped, LayoutImageTrainer.KIND, c);
    try (LayoutImageTrainer t = new LayoutImageTrainer(c, stopped, null, 1)) {
      train(t, 3);
      t.checkpoint(1.0);
    }
    try (LayoutImageTrainer t =
        new LayoutImageTrainer(c, stopped, Checkpoints.latestOf(stopped), 1)) {
      assertEquals(3, t.step());
      List<StepResult> resumed = train(t, 3);
      for (int i = 0; i < 3; i++) {
        assertEquals(expected.get(3 + i).step(), resumed.get(i).step());
        assertEquals(expected.get(3 + i).scalars(), resumed.get(i).scalars());
      }
    }
  }

  @Test
  void theModelDrawsASeedsImageInAnyBatchAndTheGridShowsEveryScene() throws IOException {
    Path run = TinyLayoutImageRuns.train(dir.resolve("model"), tiny(), 3);
    try (LayoutImageModel m = LayoutImageModel.load(run, 1)) {
      LayoutImageTrainingConfig c = m.config();
      int e = c.network().embeddingDim();
      int pixels = 16 * 16 * 3;
      CaptionEmbeddings ce = CaptionEmbeddings.read(embeddings);
      List<SceneRecord> three = List.of(scenes.get(0), scenes.get(1), scenes.get(0));
      float[] text = new float[3 * e];
      for (int i = 0; i < 3; i++) {
        ce.addTo(Split.TRAINVAL, i == 1 ? 1 : 0, 0, 1f, text, i * e);
      }
      LayoutImageBatch layouts = LayoutImageBatch.of(three, c.slots(), c.emptyLabel(), 16);
      float[] together = m.generate(layouts, text, new long[] {7, 8, 9});
      assertEquals(3 * pixels, together.length);
      for (float v : together) {
        assertTrue(v > -1f && v < 1f, "tanh output " + v);
      }
      LayoutImageBatch first = LayoutImageBatch.of(three.subList(0, 1), c.slots(), 20, 16);
      float[] alone = m.generate(first, Arrays.copyOf(text, e), new long[] {7});
      assertArrayEquals(alone, Arrays.copyOf(together, pixels), 1e-5f);
      float[] seed9 = Arrays.copyOfRange(together, 2 * pixels, 3 * pixels);
      assertTrue(maxDifference(alone, seed9) > 1e-6, "seeds 7 and 9 drew one image");

      LayoutImageSamples grid = new LayoutImageSamples(c, ce, Split.TEST, 3, 2, 0);
      BufferedImage picture = grid.render(m);
      // 3 rows of label map, 2 samples and the real image, each 16 px drawn 8× as 128 px
      assertTrue(picture.getWidth() >= 4 * 128, "width " + picture.getWidth());
      assertTrue(picture.getHeight() >= 3 * 128, "height " + picture.getHeight());
    }
  }

  static float maxDifference(float[] a, float[] b) {
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
