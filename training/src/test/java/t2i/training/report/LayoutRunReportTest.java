package t2i.training.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.training.gan.SampleListener;
import t2i.training.layout.BoxEvaluation;
import t2i.training.layout.BoxEvaluator;
import t2i.training.layout.BoxSamples;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.BoxesTrainer;
import t2i.training.layout.LayoutModel;
import t2i.training.layout.SceneEvaluation;
import t2i.training.layout.ShapeEvaluation;
import t2i.training.layout.ShapeEvaluator;
import t2i.training.layout.ShapeSamples;
import t2i.training.layout.ShapesConfig;
import t2i.training.layout.ShapesModel;
import t2i.training.layout.ShapesTrainer;
import t2i.training.layout.TinyBoxRuns;
import t2i.training.layout.TinyShapeRuns;
import t2i.training.run.RunDirectory;

/** Reports of the layout pipeline's runs: their sample grids and evaluation tables. */
class LayoutRunReportTest {
  @TempDir static Path dir;
  static Path dataset;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 30);
  }

  static String report(Path run) throws IOException {
    return ReportHtml.render(RunReport.read(run));
  }

  /** The report shows the run's sample grid, byte for byte. */
  static void assertShowsGrid(String html, Path grid) throws IOException {
    byte[] png = Files.readAllBytes(grid);
    assertTrue(
        EmbeddedImages.of(html).stream().anyMatch(i -> Arrays.equals(png, i.png())),
        "no " + grid.getFileName() + " in the report");
  }

  @Test
  void aBoxRunShowsItsLayoutsAndTheTableOfEvalBoxes() throws IOException {
    BoxesConfig c = TinyBoxRuns.config(dataset, BoxesConfig.WORDS, 5);
    Path run = dir.resolve("boxes");
    RunDirectory.create(run, BoxesTrainer.KIND, c);
    try (BoxesTrainer t = new BoxesTrainer(c, run, null, 1);
        SampleListener samples = BoxSamples.listener(t, run, 100, 2, 2)) {
      samples.stepDone(t.trainStep(), 0);
      samples.stepDone(t.trainStep(), 0);
      t.checkpoint(1.0);
      samples.finished(t.step(), 1.0);
    }
    String fresh = report(run);
    assertShowsGrid(fresh, run.resolve("samples/step-0000002.png"));
    assertTrue(fresh.contains("Not evaluated yet: run <code>t2i eval boxes "), fresh);

    BoxEvaluation e;
    try (LayoutModel m = LayoutModel.load(run, 1)) {
      e =
          BoxEvaluator.evaluate(
              m, run, new BoxEvaluator.Options(Split.TEST, 1, 3, 1f, 0), Progress.NONE);
    }
    Json.write(run.resolve(BoxEvaluation.FILE), e);
    String html = report(run);
    assertFalse(html.contains("Not evaluated yet"), html);
    assertTrue(html.contains("<h3>Box generator: sampled layouts against the captions&#39; facts"));
    assertTrue(html.contains("Scored at step 2; as t2i eval boxes printed it."), html);
    assertTrue(html.contains("<pre>" + ReportHtml.esc(e.format()) + "</pre>"), html);
    assertTrue(
        html.contains(
            String.format(
                Locale.ROOT,
                "held-out loss of the true layouts: %.3f (label %.3f",
                e.nll().total(),
                e.nll().label())),
        html);
    assertTrue(
        html.contains(
            String.format(Locale.ROOT, "%-22s %7d", "sampled layouts", e.sampled().pairs())),
        html);
  }

  @Test
  void aShapeRunShowsItsMasksAndTheTableOfEvalShapes() throws IOException {
    ShapesConfig c = TinyShapeRuns.config(dataset, 1);
    Path run = dir.resolve("shapes");
    RunDirectory.create(run, ShapesTrainer.KIND, c);
    try (ShapesTrainer t = new ShapesTrainer(c, run, null, 1);
        SampleListener samples = ShapeSamples.listener(t, run, 100, 2, 2)) {
      samples.stepDone(t.trainStep(), 0);
      t.checkpoint(1.0);
      samples.finished(t.step(), 1.0);
    }
    String fresh = report(run);
    assertShowsGrid(fresh, run.resolve("samples/step-0000001.png"));
    assertTrue(fresh.contains("Not evaluated yet: run <code>t2i eval shapes "), fresh);

    ShapeEvaluation e;
    try (ShapesModel m = ShapesModel.load(run, 1)) {
      e =
          new ShapeEvaluator(m)
              .evaluate(
                  SceneDataset.open(dataset).read(Split.TEST).subList(0, 3), 0, Progress.NONE);
    }
    Json.write(run.resolve(ShapeEvaluation.FILE), e);
    String html = report(run);
    assertFalse(html.contains("Not evaluated yet"), html);
    assertTrue(html.contains("<h3>Shape generator: mask IoU</h3>"), html);
    assertTrue(html.contains("Scored at step 1; as t2i eval shapes printed it."), html);
    assertTrue(html.contains("<pre>" + ReportHtml.esc(e.format()) + "</pre>"), html);
    assertTrue(
        html.contains(
            String.format(
                "%-22s %9.1f%% %9.1f%%", "IoU", 100 * e.instanceIou(), 100 * e.globalIou())),
        html);
  }

  @Test
  void aSceneJudgeRunShowsTheTableOfEvalScenes() throws IOException {
    Path run = dir.resolve("judge");
    RunDirectory.create(run, "scene-judge", Map.of("dataset", dataset.toString()));
    // Written by hand: what t2i eval scenes saves, without its per-condition rows.
    Files.writeString(
        run.resolve(SceneEvaluation.FILE),
        """
        {"judgeRun": "runs/judge", "judgeStep": 40, "judgeValidationClassTop1": 0.875,
         "dataset": "data/scenes", "split": "test", "scenes": 12, "referenceImages": 100,
         "referenceSplit": "trainval", "seed": 0, "rows": []}
        """,
        StandardCharsets.UTF_8);
    String html = report(run);
    SceneEvaluation e = Json.read(run.resolve(SceneEvaluation.FILE), SceneEvaluation.class);
    assertTrue(html.contains("<h3>Scenes: the pipeline&#39;s images, judged</h3>"), html);
    assertTrue(html.contains("<pre>" + ReportHtml.esc(e.format()) + "</pre>"), html);
    assertTrue(html.contains("scene judge runs/judge, step 40: class top-1"), html);
    assertTrue(html.contains("87.5%"), html);
    assertTrue(html.contains("12 test scenes of data/scenes"), html);
    assertFalse(html.contains("Not evaluated yet"), html);
  }
}
