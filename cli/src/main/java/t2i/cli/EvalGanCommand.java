package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.Split;
import t2i.training.gan.GanEvaluator;

/** {@code t2i eval gan}. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    description = {
      "Score a GAN run's latest checkpoint on the captions of a split (default: test classes,"
          + " never trained on): one image per record from one of its captions;"
          + " R-precision with the joint embedding (the true caption ranked among 100, chance"
          + " 1%%), for generated images and for the real ones (the upper bound); and the"
          + " Frechet distance between real and generated images in the joint embedding's image"
          + " space, beside the distance between two halves of the real images.",
      "These are not Inception-based numbers. Writes eval-gan.json into the run folder."
    })
final class EvalGanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The GAN run folder.")
  Path run;

  @Mixin EmbeddingRunOption embedding;

  @Option(
      names = "--split",
      description = "test or trainval (default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--seed",
      description = "Captions, noise and candidates (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    GanEvaluator.Report report =
        GanEvaluator.run(
            run,
            embedding.run,
            split,
            seed,
            threads.threads,
            new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
