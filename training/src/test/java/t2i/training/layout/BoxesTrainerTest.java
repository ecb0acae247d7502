package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.training.loop.StepResult;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

class BoxesTrainerTest {
  @TempDir static Path dir;
  static Path dataset;
  static List<SceneLayout> scenes;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
    scenes = SceneLayouts.read(dataset, Split.TRAINVAL);
  }

  /** The tiny char-CNN-RNN and generator, batches of 8, Adam at 0.01, seed 5. */
  static BoxesConfig tiny() {
    return TinyBoxRuns.config(dataset, BoxesConfig.CHARS, 5);
  }

  static List<StepResult> train(BoxesTrainer t, int steps) throws IOException {
    List<StepResult> results = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      results.add(t.trainStep());
    }
    return results;
  }

  @Test
  void theConfigFollowsTheDataset() {
    BoxesConfig c = tiny();
    assertEquals(20, c.classNames().size());
    assertEquals("mammal", c.classNames().get(0));
    assertEquals(SceneLayouts.maxObjects(scenes) + 1, c.steps());
    assertTrue(c.maxObjects() >= 1 && c.maxObjects() <= 4, "scenes hold 1-4 objects");
  }

  @Test
  void theLossFallsOnTheTrainingScenes() throws IOException {
    BoxesConfig c = tiny();
    Path run = dir.resolve("learn");
    RunDirectory.create(run, BoxesTrainer.KIND, c);
    try (BoxesTrainer t = new BoxesTrainer(c, run, null, 1)) {
      List<StepResult> r = train(t, 80);
      double first =
          r.subList(0, 5).stream()
              .mapToDouble(s -> s.scalars().get("loss"))
              .average()
              .orElseThrow();
      double last =
          r.subList(75, 80).stream()
              .mapToDouble(s -> s.scalars().get("loss"))
              .average()
              .orElseThrow();
      assertTrue(last < first - 1, "loss " + first + " -> " + last);
    }
  }

  @Test
  void theWordEncoderTrainsSamplesAndScoresLikeTheCharacterOne() throws IOException {
    BoxesConfig c = TinyBoxRuns.config(dataset, BoxesConfig.WORDS, 5);
    assertEquals(BoxesConfig.WORDS, c.encoder());
    assertEquals(c.words().embeddingDim(), c.generator().embeddingDim());
    Path run = TinyBoxRuns.train(dir.resolve("words"), c, 4);
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      String a = scenes.get(0).captions().get(0);
      String b = scenes.get(2).captions().get(0);
      List<List<LayoutObject>> together = m.sample(List.of(b, a), new long[] {3, 4}, 1f);
      TinyBoxRuns.assertSameLayout(
          m.sample(List.of(a), new long[] {4}, 1f).get(0), together.get(1));
      assertTrue(Double.isFinite(m.nll(List.of(a), List.of(scenes.get(0))).total()));
    }
  }

  @Test
  void aResumedRunTakesExactlyTheStepsOfOneThatNeverStopped() throws IOException {
    BoxesConfig c = tiny();
    Path straight = dir.resolve("straight");
    RunDirectory.create(straight, BoxesTrainer.KIND, c);
    List<StepResult> expected;
    try (BoxesTrainer t = new BoxesTrainer(c, straight, null, 1)) {
      expected = train(t, 6);
    }
    Path stopped = dir.resolve("stopped");
    RunDirectory.create(stopped, BoxesTrainer.KIND, c);
    try (BoxesTrainer t = new BoxesTrainer(c, stopped, null, 1)) {
      train(t, 3);
      t.checkpoint(1.0);
    }
    try (BoxesTrainer t = new BoxesTrainer(c, stopped, Checkpoints.latestOf(stopped), 1)) {
      assertEquals(3, t.step());
      List<StepResult> resumed = train(t, 3);
      for (int i = 0; i < 3; i++) {
        assertEquals(expected.get(3 + i).step(), resumed.get(i).step());
        assertEquals(expected.get(3 + i).scalars(), resumed.get(i).scalars());
      }
    }
  }

  @Test
  void aSeedGivesTheSameLayoutInAnyBatchAndLayoutsAreWellFormed() throws IOException {
    BoxesConfig c = tiny();
    Path run = TinyBoxRuns.train(dir.resolve("sample"), c, 5);
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      String a = scenes.get(0).captions().get(0);
      String b = scenes.get(1).captions().get(1);
      List<List<LayoutObject>> together =
          m.sample(List.of(b, a, a, b), new long[] {9, 7, 8, 1}, 1f);
      List<List<LayoutObject>> alone = m.sample(List.of(a), new long[] {7}, 1f);
      TinyBoxRuns.assertSameLayout(alone.get(0), together.get(1));
      TinyBoxRuns.assertSameLayout(
          together.get(0), m.sample(List.of(b), new long[] {9}, 1f).get(0));
      List<List<LayoutObject>> many = m.sample(nCopies(a, 200), seeds(200), 1f);
      boolean differ = false;
      for (List<LayoutObject> layout : many) {
        assertTrue(layout.size() <= c.maxObjects(), "at most T_max - 1 objects: " + layout);
        for (LayoutObject o : layout) {
          assertTrue(o.classId() >= 0 && o.classId() < c.classNames().size(), "class " + o);
        }
        differ |= !layout.equals(many.get(0));
      }
      assertTrue(differ, "200 seeds gave one layout");
      LayoutModel.Nll nll = m.nll(List.of(a, b), List.of(scenes.get(0), scenes.get(1)));
      assertTrue(Double.isFinite(nll.total()) && nll.captions() == 2, nll.toString());
    }
  }

  @Test
  void evaluationScoresTheTestScenesAndTheirOwnLayoutsHitTheCeiling() throws IOException {
    Path run = TinyBoxRuns.train(dir.resolve("eval"), tiny(), 3);
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      BoxEvaluation e =
          BoxEvaluator.evaluate(
              m, run, new BoxEvaluator.Options(Split.TEST, 2, 0, 1f, 3), Progress.NONE);
      int testCaptions =
          SceneLayouts.read(dataset, Split.TEST).stream().mapToInt(s -> s.captions().size()).sum();
      assertEquals(testCaptions, e.captions());
      assertEquals(2L * testCaptions, e.sampled().pairs());
      long grouped = e.byHoldout().values().stream().mapToLong(BoxEvaluation.Group::pairs).sum();
      assertEquals(e.sampled().pairs(), grouped);
      assertEquals(1.0, e.trueLayouts().recall());
      assertTrue(e.trueLayouts().relations() > 0, "the fixture's test captions state relations");
      assertEquals(1.0, e.trueLayouts().relationAccuracy());
      assertEquals(1.0, e.trueLayouts().countAccuracy());
    }
  }

  static List<String> nCopies(String s, int n) {
    return java.util.Collections.nCopies(n, s);
  }

  static long[] seeds(int n) {
    long[] s = new long[n];
    for (int i = 0; i < n; i++) {
      s[i] = 1000 + i;
    }
    return s;
  }
}
