package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.training.layout.BoxEvaluation;
import t2i.training.layout.BoxEvaluator;
import t2i.training.layout.LayoutModel;

/** {@code t2i eval boxes}. */
@Command(
    name = "boxes",
    mixinStandardHelpOptions = true,
    description = {
      "Measure a box-generator run on a split of its scenes (default: test, which holds out"
          + " emoji and relation combinations): several layouts sampled per caption, scored"
          + " against what the caption states. Object recall (all captions); precision, F1 and"
          + " count accuracy (captions naming every object of their scene); relation accuracy"
          + " beside a baseline with each layout's boxes shuffled among its objects; position"
          + " accuracy; each by seen emoji, held-out emoji and held-out combinations; the"
          + " relation-swap probe (\"A left of B\" rewritten \"A right of B\": does the layout"
          + " flip?); the held-out loss of the true layouts; the scenes' own layouts scored the"
          + " same way, as the ceiling. Writes eval-boxes.json into the run folder."
    })
final class EvalBoxesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The box-generator run folder.")
  Path run;

  @Option(
      names = "--split",
      description = "trainval, validation or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--layouts",
      description = "Layouts sampled per caption (default: ${DEFAULT-VALUE}).",
      defaultValue = "5",
      converter = OptionValues.PositiveInt.class)
  int layouts;

  @Option(
      names = "--scenes",
      description = "Evaluate the split's first N scenes only (default: all).",
      converter = OptionValues.PositiveInt.class)
  Integer scenes;

  @Option(
      names = "--temperature",
      description = "Sampling temperature (default: the run's).",
      converter = OptionValues.PositiveFloat.class)
  Float temperature;

  @Option(
      names = "--seed",
      description = "Seed of the layouts and shuffles (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (LayoutModel model = LayoutModel.load(run, threads.threads)) {
      BoxEvaluator.Options options =
          new BoxEvaluator.Options(
              split,
              layouts,
              scenes == null ? 0 : scenes,
              temperature != null ? temperature : model.config().temperature(),
              seed);
      BoxEvaluation e =
          BoxEvaluator.evaluate(
              model, run, options, new ConsoleProgress(spec.commandLine().getErr()));
      Json.write(run.resolve(BoxEvaluation.FILE), e);
      out.print(e.format());
      out.printf("wrote %s%n", run.resolve(BoxEvaluation.FILE));
      out.flush();
    }
    return 0;
  }
}
