package t2i.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.training.style.StyleEvaluator;

/** {@code t2i eval style}. */
@Command(
    name = "style",
    mixinStandardHelpOptions = true,
    description = {
      "Reed et al.'s disentanglement test on the emoji data, for one or more style runs (e.g. on"
          + " a GAN-INT-CLS and a GAN-CLS generator): the ROC AUC of the cosine similarity of"
          + " S(x) for same-group vs different-group pairs of real test-class images, grouped by"
          + " art style (google / twitter) and by skin tone; and L_style on samples with"
          + " test-class captions. Writes eval-style.json into each run folder."
    })
final class EvalStyleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", arity = "1..*", description = "Style run folders.")
  List<Path> runs;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    List<StyleEvaluator.Report> reports = new ArrayList<>();
    for (Path run : runs) {
      reports.add(
          StyleEvaluator.run(
              run, threads.threads, new ConsoleProgress(spec.commandLine().getErr())));
    }
    spec.commandLine().getOut().print(StyleEvaluator.format(reports));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
