package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.training.judge.JudgeEvaluator;

/** {@code t2i eval judge}. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = {
      "How far a judge run can be trusted: its twin, trained on one art style, names the"
          + " concept and subcategory of the other style's images (cross-style top-1 and top-5);"
          + " the judge itself on its training images. Writes eval-judge.json into the run"
          + " folder."
    })
final class EvalJudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The judge run folder.")
  Path run;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    JudgeEvaluator.Report report =
        JudgeEvaluator.run(run, threads.threads, new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
