package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.training.embedding.CaptionEncoder;
import t2i.training.gan.GanModel;
import t2i.training.layout.NoLayoutRow;
import t2i.training.layout.RenderedScenes;
import t2i.training.layout.SceneEvaluation;
import t2i.training.layout.SceneEvaluator;
import t2i.training.layout.SceneModel;
import t2i.training.layout.ScenePipeline;
import t2i.training.run.RunDirectory;
import t2i.training.scenejudge.SceneJudgeConfig;
import t2i.training.scenejudge.SceneJudgeTrainer;

/** {@code t2i eval scenes}. */
@Command(
    name = "scenes",
    mixinStandardHelpOptions = true,
    description = {
      "Measure images of scenes (LAYOUT_SPEC 8), one row per condition, the real images first"
          + " as the ceiling: the scene judge's class and emoji top-1 on the crop at each box of"
          + " the image's layout, its background top-1, the caption-reconstruction score (each"
          + " image parsed into the judge's class at each box, then object F1 and relation"
          + " accuracy against its caption's facts), and with --embedding the R-precision and"
          + " the Frechet distance in a joint embedding trained on scene images. Every row is"
          + " drawn for the same scenes and captions (one caption per scene, from --seed).",
      "With --boxes, --shapes and --image (the layout pipeline's runs) it adds the paper's"
          + " three ablation rows: predicted boxes + predicted masks, true boxes + predicted masks,"
          + " true boxes + true masks. With --gan (Reed's GAN trained on the scenes) it adds the"
          + " row without a layout, its images read at the scenes' true boxes. Writes the table"
          + " as JSON (--json)."
    })
final class EvalScenesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--judge",
      required = true,
      paramLabel = "RUN",
      description = "The scene-judge run (t2i train scene-judge).")
  Path judge;

  @Option(
      names = "--embedding",
      paramLabel = "RUN",
      description =
          "A joint-embedding run trained on the scenes (t2i train embedding --data SCENES);"
              + " without it, R-precision and Frechet distance are left out.")
  Path embedding;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "The scenes dataset (default: the judge's).")
  Path data;

  @Option(
      names = "--split",
      description = "test (default) or validation: the judge trains on trainval.",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--scenes",
      paramLabel = "N",
      description =
          "Score the split's first N scenes (default: on test, the ones the judge left out;"
              + " else all).",
      converter = OptionValues.PositiveInt.class)
  Integer scenes;

  @Option(
      names = "--seed",
      description = "Seed of the captions drawn, the candidates and baselines (default: 0).",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Where to write the figures (default: " + SceneEvaluation.FILE + " in RUN).")
  Path json;

  @Option(names = "--boxes", paramLabel = "RUN", description = "The box-generator run.")
  Path boxes;

  @Option(names = "--shapes", paramLabel = "RUN", description = "The shape-generator run.")
  Path shapes;

  @Option(
      names = "--image",
      paramLabel = "RUN",
      description = "The layout image-generator run (with --boxes and --shapes).")
  Path image;

  @Option(
      names = "--gan",
      paramLabel = "RUN",
      description =
          "A GAN run trained on the scenes (t2i train gan --data SCENES), for the row without a"
              + " layout; its captions are encoded by the run that made its embeddings.")
  Path gan;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    SceneJudgeConfig c =
        RunDirectory.open(judge, SceneJudgeTrainer.KIND).config(SceneJudgeConfig.class);
    Path dataset = data != null ? data : Path.of(c.dataset());
    int count = scenes != null ? scenes : split == Split.TEST ? c.reservedTestScenes() : 0;
    SceneEvaluator.Setup setup = SceneEvaluator.setup(dataset, split, count, seed);
    SceneEvaluation e =
        SceneEvaluator.evaluate(
            setup,
            judge,
            embedding,
            generated(setup),
            threads.threads,
            new ConsoleProgress(spec.commandLine().getErr()));
    Path file = json != null ? json : judge.resolve(SceneEvaluation.FILE);
    Json.write(file, e);
    out.print(e.format());
    out.printf("wrote %s%n", file);
    out.flush();
    return 0;
  }

  /**
   * The generated conditions, drawn for the setup's scenes and captions, in the table's order after
   * the real images: the layout pipeline's three ablation rows and the no-layout GAN go here.
   */
  private List<RenderedScenes> generated(SceneEvaluator.Setup setup) {
    List<RenderedScenes> rows = new ArrayList<>(layoutRows(setup));
    if (gan != null) {
      try (GanModel model = GanModel.load(gan, threads.threads);
          CaptionEncoder encoder = CaptionEncoders.load(model.embeddingRun(), threads.threads)) {
        rows.add(
            NoLayoutRow.render(model, encoder, setup.scenes(), setup.captions(), setup.seed()));
      }
    }
    return rows;
  }

  private List<RenderedScenes> layoutRows(SceneEvaluator.Setup setup) {
    if (boxes == null && shapes == null && image == null) {
      return List.of();
    }
    if (boxes == null || shapes == null || image == null) {
      throw new IllegalArgumentException(
          "the layout pipeline's rows need all of --boxes, --shapes and --image");
    }
    ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr());
    progress.start("draw " + setup.scenes().size() + " scenes three ways", 0);
    try (SceneModel model =
        new SceneModel(ScenePipeline.Runs.load(boxes, shapes, image), threads.threads)) {
      return model.ablationRows(setup.scenes(), setup.captions(), setup.seed());
    } finally {
      progress.finish();
    }
  }
}
