package t2i.training.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.emoji.EmojiFixture;
import t2i.training.loop.StepResult;
import t2i.training.run.RunDirectory;

class JudgeTrainerTest {
  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildDataset(dir);
  }

  /** A tiny judge: width 4, 16 features, batches of 8, twin on google. */
  static JudgeConfig tiny() {
    return JudgeConfig.defaultsFor(dataset).width(4).featureDim(16).batchSize(8).seed(2).build();
  }

  /** A tiny judge run trained {@code steps} steps and checkpointed. */
  static Path train(Path run, JudgeConfig c, int steps) throws IOException {
    RunDirectory.create(run, JudgeTrainer.KIND, c);
    try (JudgeTrainer t = new JudgeTrainer(c, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }

  @Test
  void headsAreTheDatasetsConceptsAndSubcategoriesAndTheTwinTrainsOnOneStyle() {
    JudgeConfig c = tiny();
    DatasetManifest m = Dataset.open(dataset).manifest();
    assertEquals(m.concepts().size(), c.concepts());
    assertEquals(m.classes().size(), c.subcategories());
    assertEquals("google", c.twinStyle());
  }

  @Test
  void bothTowersLearnTheirTrainingImages() throws IOException {
    JudgeConfig c = tiny();
    Path run = dir.resolve("learn");
    RunDirectory.create(run, JudgeTrainer.KIND, c);
    double first = 0;
    double firstTwin = 0;
    double last = 0;
    double lastTwin = 0;
    try (JudgeTrainer t = new JudgeTrainer(c, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < 60; i++) {
        StepResult r = t.trainStep();
        if (i < 5) {
          first += r.scalars().get("loss") / 5;
          firstTwin += r.scalars().get("loss_twin") / 5;
        }
        if (i >= 55) {
          last += r.scalars().get("loss") / 5;
          lastTwin += r.scalars().get("loss_twin") / 5;
        }
      }
    }
    assertTrue(last < 0.5 * first, "judge loss " + first + " -> " + last);
    assertTrue(lastTwin < 0.5 * firstTwin, "twin loss " + firstTwin + " -> " + lastTwin);
  }

  @Test
  void modelGivesProbabilityRowsAndTheEvaluationScoresTheTwinOnTheOtherStyle() throws IOException {
    JudgeConfig c = tiny();
    Path run = train(dir.resolve("eval"), c, 3);
    Dataset ds = Dataset.open(dataset);
    List<TextImageRecord> records = ds.read(Split.TRAINVAL);
    try (JudgeModel judge = JudgeModel.load(run, JudgeGraph.JUDGE, 1)) {
      JudgeModel.Outputs o = judge.classify(DecodedSplit.of(records));
      assertEquals(records.size(), o.n());
      assertEquals(records.size() * c.featureDim(), o.features().length);
      for (int i = 0; i < o.n(); i++) {
        double sum = 0;
        for (int k = 0; k < c.concepts(); k++) {
          sum += o.concepts()[i * c.concepts() + k];
        }
        assertEquals(1.0, sum, 1e-4);
      }
    }
    JudgeEvaluator.Report report = JudgeEvaluator.run(run, 1, Progress.NONE);
    assertTrue(Files.isRegularFile(run.resolve(JudgeEvaluator.FILE)));
    int twitter = ds.manifest().recordsPerStyle().get("twitter");
    assertNotNull(report.crossStyle());
    assertEquals(twitter, report.crossStyle().images());
    assertEquals(ds.manifest().records() - twitter, report.twinOwnStyle().images());
    assertEquals(ds.manifest().records(), report.judgeTraining().images());
    assertEquals(report.crossStyle().conceptTop1(), report.reliability());
    assertTrue(report.format().contains("twin (google only) on other styles"));
  }
}
