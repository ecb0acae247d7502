package t2i.cli;

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
import t2i.training.embedding.EmbeddingEvaluator;

/** {@code t2i eval embedding}. */
@Command(
    name = "embedding",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate a joint-embedding run on test classes (never trained on) and trainval classes:"
          + " R-precision of the real images (each record's own caption ranked among 100), and"
          + " Reed et al.'s zero-shot scores (CVPR 2016) with concepts and with subcategories as"
          + " classes: top-1 classification with each class as the mean of its caption"
          + " embeddings, and AP@50 for text-to-image retrieval. Writes eval-embedding.json into"
          + " the run folder."
    })
final class EvalEmbeddingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The run folder.")
  Path run;

  @Option(names = "--data", paramLabel = "DIR", description = "Dataset (default: the run's).")
  Path data;

  @Option(
      names = "--split",
      description = "test, trainval or all (default: ${DEFAULT-VALUE}).",
      defaultValue = "all")
  String split;

  @Option(
      names = "--per-class",
      description = "Also print the real images' R-precision within each subcategory.")
  boolean perClass;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    List<Split> splits = SplitOption.parseWithAll(split);
    EmbeddingEvaluator.Report report =
        EmbeddingEvaluator.run(
            run, data, splits, threads.threads, new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(report.format());
    if (perClass) {
      spec.commandLine().getOut().print(report.formatPerClass());
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
