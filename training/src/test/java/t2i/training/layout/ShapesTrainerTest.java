package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.graph.layout.LayoutTensors;
import t2i.training.loop.StepResult;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

class ShapesTrainerTest {
  @TempDir static Path dir;
  static Path dataset;
  static List<SceneRecord> test;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
    test = SceneDataset.open(dataset).read(Split.TEST);
  }

  static List<StepResult> train(ShapesTrainer t, int steps) throws IOException {
    List<StepResult> results = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      results.add(t.trainStep());
    }
    return results;
  }

  @Test
  void theConfigFollowsTheDataset() {
    ShapesConfig c = TinyShapeRuns.config(dataset, 1);
    assertEquals(20, c.generator().classes());
    assertEquals(64, c.generator().side());
    assertEquals(SceneLayouts.maxObjects(dataset), c.generator().slots());
    assertEquals(20, c.emptyLabel());
  }

  @Test
  void theEvaluatorsFilledBoxesAreTheGraphsBoxIndicators() {
    SceneTensors t = SceneTensors.of(test, 4, 20);
    try (Graph g = new Graph();
        Session s = new Session(g);
        TFloat32 boxes = t.boxTensor()) {
      Ops tf = Ops.create(g);
      var input = tf.placeholder(TFloat32.class);
      var inside = LayoutTensors.boxIndicators(tf, input, t.side());
      try (Result r = s.runner().feed(input, boxes).fetch(inside).run()) {
        float[] graph = new float[t.masks().length];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(graph);
        // The empty slots' zero boxes cover nothing in either.
        assertArrayEquals(ShapeEvaluator.filledBoxes(t), graph);
      }
    }
  }

  @Test
  void theTrueMasksLieInsideTheirBoxTensorsBoxes() {
    SceneTensors t = SceneTensors.of(test, 4, 20);
    float[] boxes = ShapeEvaluator.filledBoxes(t);
    int inside = 0;
    for (int p = 0; p < t.masks().length; p++) {
      if (t.masks()[p] > 0) {
        assertEquals(1f, boxes[p], "a true mask pixel outside its box, at " + p);
        inside++;
      }
    }
    assertTrue(inside > 0);
  }

  @Test
  void aResumedRunTakesExactlyTheStepsOfOneThatNeverStopped() throws IOException {
    ShapesConfig c = TinyShapeRuns.config(dataset, 2);
    Path straight = dir.resolve("straight");
    RunDirectory.create(straight, ShapesTrainer.KIND, c);
    List<StepResult> expected;
    try (ShapesTrainer t = new ShapesTrainer(c, straight, null, 1)) {
      expected = train(t, 4);
    }
    for (StepResult r : expected) {
      r.scalars().values().forEach(v -> assertTrue(Double.isFinite(v), r.toString()));
    }
    Path stopped = dir.resolve("stopped");
    RunDirectory.create(stopped, ShapesTrainer.KIND, c);
    try (ShapesTrainer t = new ShapesTrainer(c, stopped, null, 1)) {
      train(t, 2);
      t.checkpoint(1.0);
    }
    try (ShapesTrainer t = new ShapesTrainer(c, stopped, Checkpoints.latestOf(stopped), 1)) {
      assertEquals(2, t.step());
      List<StepResult> resumed = train(t, 2);
      for (int i = 0; i < 2; i++) {
        assertEquals(expected.get(2 + i).scalars(), resumed.get(i).scalars());
      }
    }
  }

  @Test
  void aSeedGivesTheSameMasksInAnyBatchAndTheEvaluationCountsEveryObject() throws IOException {
    Path run = TinyShapeRuns.train(dir.resolve("sample"), TinyShapeRuns.config(dataset, 3), 3);
    try (ShapesModel m = ShapesModel.load(run, 1)) {
      List<SceneRecord> two = List.of(test.get(0), test.get(1));
      int perLayout = m.config().generator().slots() * 64 * 64;
      float[] together = m.masks(m.layouts(two), new long[] {5, 6});
      float[] alone = m.masks(m.layouts(List.of(test.get(1))), new long[] {6});
      assertArrayEquals(alone, Arrays.copyOfRange(together, perLayout, 2 * perLayout), 1e-5f);
      float[] otherSeed = m.masks(m.layouts(List.of(test.get(1))), new long[] {7});
      assertTrue(!Arrays.equals(alone, otherSeed), "the seed changes nothing");

      ShapeEvaluation e = new ShapeEvaluator(m).evaluate(test, 0, Progress.NONE);
      int objects = test.stream().mapToInt(r -> Math.min(4, r.objects().size())).sum();
      assertEquals(test.size(), e.scenes());
      assertEquals(objects, e.objects());
      for (double v :
          new double[] {e.instanceIou(), e.globalIou(), e.boxInstanceIou(), e.diversity()}) {
        assertTrue(v >= 0 && v <= 1, e.toString());
      }
      assertTrue(e.boxInstanceIou() < 1, "the emoji do not fill their boxes");
      // The mask classifier votes with every trainval object (fewer than its reference scenes).
      int references =
          SceneDataset.open(dataset).read(Split.TRAINVAL).stream()
              .mapToInt(r -> Math.min(4, r.objects().size()))
              .sum();
      assertEquals(references, e.maskReferences());
      for (double v :
          new double[] {e.maskClassTrue(), e.maskClassPredicted(), e.maskClassFilledBox()}) {
        assertTrue(v >= 0 && v <= 1, e.toString());
      }
      assertTrue(e.format().contains("mask classifier (5-NN"), e.format());
    }
  }

  @Test
  void iouCountsPixelsAboveOneHalf() {
    float[] a = {0.6f, 0.6f, 0.4f, 0f};
    float[] b = {1f, 0f, 1f, 0f};
    assertEquals(1 / 3.0, ShapeEvaluator.iou(a, 0, b, 0, 4), 1e-12);
    assertEquals(1.0, ShapeEvaluator.iou(new float[4], 0, new float[4], 0, 4));
    // Two objects of one scene: unions {0, 1} and {0, 2, 3}.
    float[] masks = {1, 0, 0, 0, 0, 1, 0, 0};
    float[] truth = {1, 0, 1, 0, 0, 0, 0, 1};
    assertEquals(1 / 4.0, ShapeEvaluator.unionIou(masks, truth, 0, 2, 4), 1e-12);
  }
}
