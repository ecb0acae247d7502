package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.training.layout.ShapeEvaluation;
import t2i.training.layout.ShapeEvaluator;
import t2i.training.layout.ShapesModel;

/** {@code t2i eval shapes}. */
@Command(
    name = "shapes",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a shape-generator run on a split of its scenes (default: test): masks drawn from"
          + " each scene's true boxes, thresholded at 0.5, against the true visible masks."
          + " Instance IoU (each object) and global IoU (the union of a scene's masks), beside the"
          + " filled-box baseline (each mask its whole box); diversity between two seeds (1 -"
          + " IoU); instance IoU by class. Writes eval-shapes.json into the run folder."
    })
final class EvalShapesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The shape-generator run folder.")
  Path run;

  @Option(
      names = "--split",
      description = "trainval, validation or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--scenes",
      description = "Evaluate the split's first N scenes only (default: all).",
      converter = OptionValues.PositiveInt.class)
  Integer scenes;

  @Option(
      names = "--seed",
      description = "Seed of the masks' noise (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (ShapesModel model = ShapesModel.load(run, threads.threads)) {
      List<SceneRecord> records = SceneDataset.open(Path.of(model.config().dataset())).read(split);
      if (scenes != null && scenes < records.size()) {
        records = records.subList(0, scenes);
      }
      ShapeEvaluation e =
          new ShapeEvaluator(model)
              .evaluate(records, seed, new ConsoleProgress(spec.commandLine().getErr()));
      Json.write(run.resolve(ShapeEvaluation.FILE), e);
      out.printf("%s, %s split%n", run, split.fileName());
      out.print(e.format());
      out.printf("wrote %s%n", run.resolve(ShapeEvaluation.FILE));
      out.flush();
    }
    return 0;
  }
}
