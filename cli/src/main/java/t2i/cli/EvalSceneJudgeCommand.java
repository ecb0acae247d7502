package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.training.scenejudge.SceneJudgeEvaluator;

/** {@code t2i eval scene-judge}. */
@Command(
    name = "scene-judge",
    mixinStandardHelpOptions = true,
    description = {
      "How far a scene-judge run can be trusted, on the validation scenes it never trained on:"
          + " the object network's class and emoji top-1 at the objects' boxes, the background"
          + " top-1, and the twin (trained on one art style) on the other style's objects."
          + " Writes eval-scene-judge.json into the run folder."
    })
final class EvalSceneJudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The scene-judge run folder.")
  Path run;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    SceneJudgeEvaluator.Report report =
        SceneJudgeEvaluator.run(
            run, threads.threads, new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
