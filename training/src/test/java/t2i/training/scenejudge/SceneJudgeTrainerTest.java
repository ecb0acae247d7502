package t2i.training.scenejudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.Box;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.training.loop.StepResult;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

class SceneJudgeTrainerTest {
  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
  }

  static SceneJudgeConfig tiny(long seed) {
    return TinySceneJudges.config(dataset, seed);
  }

  static List<StepResult> train(SceneJudgeTrainer t, int steps) throws IOException {
    List<StepResult> results = new ArrayList<>();
    for (int i = 0; i < steps; i++) {
      results.add(t.trainStep());
    }
    return results;
  }

  @Test
  void theHeadsFollowTheScenesTheJudgeTrainsOnAndTheFirstTestScenesAreLeftOut() {
    SceneJudgeConfig c = tiny(1);
    SceneDataset d = SceneDataset.open(dataset);
    List<SceneRecord> test = d.read(Split.TEST);
    assertTrue(test.size() >= 2, "the fixture has test scenes");
    assertEquals(test.size() / 2, c.reservedTestScenes());
    assertEquals(20, c.classes());
    assertEquals("mammal", c.classNames().get(0));
    Set<String> emoji = new TreeSet<>();
    Set<String> backgrounds = new TreeSet<>();
    List<String> keys = new ArrayList<>();
    SceneJudgeData.forEachTraining(
        dataset,
        c.reservedTestScenes(),
        r -> {
          r.objects().forEach(o -> emoji.add(o.emojiKey()));
          backgrounds.add(r.background());
          keys.add(r.key());
        });
    assertEquals(List.copyOf(emoji), c.emojiKeys());
    assertEquals(List.copyOf(backgrounds), c.backgrounds());
    assertEquals(d.read(Split.TRAINVAL).size() + test.size() - c.reservedTestScenes(), keys.size());
    for (int i = 0; i < test.size(); i++) {
      assertEquals(i >= c.reservedTestScenes(), keys.contains(test.get(i).key()), "test " + i);
    }
    for (SceneRecord v : d.read(Split.VALIDATION)) {
      assertTrue(!keys.contains(v.key()), "validation scenes stay out");
    }
    assertEquals("google", c.twinStyle());
  }

  @Test
  void everyNetworkLearnsItsTrainingData() throws IOException {
    SceneJudgeConfig c = tiny(3);
    Path run = dir.resolve("learn");
    RunDirectory.create(run, SceneJudgeTrainer.KIND, c);
    try (SceneJudgeTrainer t = new SceneJudgeTrainer(c, run, null, 1, Progress.NONE)) {
      List<StepResult> r = train(t, 80);
      for (String loss : List.of("loss", "loss_background", "loss_twin")) {
        double first = mean(r.subList(0, 5), loss);
        double last = mean(r.subList(75, 80), loss);
        assertTrue(last < 0.6 * first, loss + " " + first + " -> " + last);
      }
    }
  }

  @Test
  void aResumedRunTakesExactlyTheStepsOfOneThatNeverStopped() throws IOException {
    SceneJudgeConfig c = tiny(5);
    Path straight = dir.resolve("straight");
    RunDirectory.create(straight, SceneJudgeTrainer.KIND, c);
    List<StepResult> expected;
    try (SceneJudgeTrainer t = new SceneJudgeTrainer(c, straight, null, 1, Progress.NONE)) {
      expected = train(t, 6);
    }
    Path stopped = dir.resolve("stopped");
    RunDirectory.create(stopped, SceneJudgeTrainer.KIND, c);
    try (SceneJudgeTrainer t = new SceneJudgeTrainer(c, stopped, null, 1, Progress.NONE)) {
      train(t, 3);
      t.checkpoint(1.0);
    }
    try (SceneJudgeTrainer t =
        new SceneJudgeTrainer(c, stopped, Checkpoints.latestOf(stopped), 1, Progress.NONE)) {
      assertEquals(3, t.step());
      List<StepResult> resumed = train(t, 3);
      for (int i = 0; i < 3; i++) {
        assertEquals(expected.get(3 + i).step(), resumed.get(i).step());
        assertEquals(expected.get(3 + i).scalars(), resumed.get(i).scalars());
      }
    }
  }

  @Test
  void theModelGivesProbabilityRowsAndTheEvaluationScoresTheValidationScenes() throws IOException {
    SceneJudgeConfig c = tiny(7);
    Path run = TinySceneJudges.train(dir.resolve("eval"), c, 3);
    List<SceneRecord> validation = SceneDataset.open(dataset).read(Split.VALIDATION);
    assertTrue(!validation.isEmpty(), "the fixture has validation scenes");
    int objects = validation.stream().mapToInt(r -> r.objects().size()).sum();
    try (SceneJudgeModel judge = SceneJudgeModel.load(run, SceneJudgeGraph.OBJECTS, 1)) {
      SceneJudgeData d = SceneJudgeData.of(validation, c);
      float[] images = new float[validation.size() * 64 * 64 * 3];
      for (int s = 0; s < validation.size(); s++) {
        System.arraycopy(d.pixels(s), 0, images, s * 64 * 64 * 3, 64 * 64 * 3);
      }
      List<List<Box>> boxes = validation.stream().map(SceneRecord::boxes).toList();
      SceneJudge.ObjectScores o = judge.objects(images, 64, boxes);
      assertEquals(objects, o.n());
      assertRowsSumToOne(o.classes(), objects, c.classes());
      assertRowsSumToOne(o.emoji(), objects, c.emoji());
      float[] bg = judge.backgrounds(images, 64, boxes);
      assertRowsSumToOne(bg, validation.size(), c.backgrounds().size());
      // another side: the judge resamples crops and scenes itself
      assertEquals(
          objects, judge.objects(Crops.resize(images, validation.size(), 64, 32), 32, boxes).n());
    }
    SceneJudgeEvaluator.Report report = SceneJudgeEvaluator.run(run, 1, Progress.NONE);
    assertTrue(Files.isRegularFile(run.resolve(SceneJudgeEvaluator.FILE)));
    assertEquals(objects, report.validation().objects());
    assertNotNull(report.twinCrossStyle());
    assertEquals(objects, report.twinCrossStyle().objects() + report.twinOwnStyle().objects());
    assertEquals(report.twinCrossStyle().classTop1(), report.reliability());
    assertTrue(report.format().contains("twin (google only) on the other styles"), report.format());
    assertEquals(report, SceneJudgeEvaluator.current(run, 3, 1, Progress.NONE));
  }

  static void assertRowsSumToOne(float[] p, int rows, int width) {
    assertEquals(rows * width, p.length);
    for (int i = 0; i < rows; i++) {
      double sum = 0;
      for (int k = 0; k < width; k++) {
        sum += p[i * width + k];
      }
      assertEquals(1.0, sum, 1e-4);
    }
  }

  static double mean(List<StepResult> r, String name) {
    return r.stream().mapToDouble(s -> s.scalars().get(name)).average().orElseThrow();
  }
}
