package t2i.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.training.gan.GanEvaluator;

/** {@code t2i eval gan}. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    description = {
      "Score a GAN run's latest checkpoint on the captions of each split (test classes, never"
          + " trained on, and trainval): one image per record from one of its captions;"
          + " R-precision with the joint embedding (the true caption ranked among 100, chance"
          + " 1%%), for generated images and for the real ones (the upper bound); and the"
          + " Frechet distance between real and generated images in the joint embedding's image"
          + " space, beside the distance between two halves of the real images.",
      "With --judge RUN (`t2i train judge`): the share of images the judge assigns to their"
          + " caption's concept (top-1, top-5) and subcategory, for generated and real images,"
          + " and the Inception Score and Frechet distance computed with the judge's"
          + " probabilities and features, beside its reliability (`t2i eval judge`).",
      "These are not Inception-v3 numbers. Writes eval-gan.json into the run folder."
    })
final class EvalGanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The GAN run folder.")
  Path run;

  @Mixin EmbeddingRunOption embedding;

  @Option(
      names = "--split",
      description = "test, trainval or all (default: ${DEFAULT-VALUE}).",
      defaultValue = "all")
  String split;

  @Option(
      names = "--judge",
      paramLabel = "RUN",
      description = "A judge run (t2i train judge) to score the images with.")
  Path judge;

  @Option(
      names = "--seed",
      description = "Captions, noise and candidates (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--language",
      paramLabel = "CODE",
      description =
          "Draw from the records' captions in this language alone (multilingual datasets);"
              + " writes eval-gan-CODE.json.")
  String language;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    GanEvaluator.Report report =
        GanEvaluator.run(
            run,
            embedding.run,
            judge,
            SplitOption.parseWithAll(split),
            seed,
            language,
            threads.threads,
            new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(report.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
