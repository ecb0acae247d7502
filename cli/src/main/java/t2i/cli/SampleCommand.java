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
import t2i.error.UserException;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanModel;
import t2i.training.gan.TextSamples;

/** {@code t2i sample}. */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    subcommands = {
      SampleBoxesCommand.class,
      SampleShapesCommand.class,
      SampleSceneCommand.class,
      SampleLayoutImageCommand.class
    },
    description = {
      "Draw images for free text from a GAN run's latest checkpoint: the text goes through the"
          + " joint embedding's text encoder, then through G with the noise of seeds S, S+1, ..."
          + " (image j of every text uses seed S+j). Writes one PNG grid, a captioned row of up to"
          + " 8 images per text."
    })
final class SampleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  // RUN, --text and --out are checked in call(): picocli would demand them of `sample boxes` too.
  @Parameters(paramLabel = "RUN", arity = "0..1", description = "The GAN run folder.")
  Path run;

  @Option(
      names = "--text",
      paramLabel = "TEXT",
      description = "A description; repeat for several rows.")
  List<String> texts;

  @Option(
      names = "--n",
      description = "Images per text (default: ${DEFAULT-VALUE}).",
      defaultValue = "16")
  int n;

  @Option(
      names = "--seed",
      description = "First noise seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(names = "--out", paramLabel = "FILE.png", description = "The PNG to write.")
  Path out;

  @Mixin EmbeddingRunOption embedding;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (run == null || texts == null || out == null) {
      throw new UserException(
          "give RUN, --text and --out (`t2i sample --help`); for layouts, `t2i sample boxes`");
    }
    if (n < 1 || n > 256) {
      throw new IllegalArgumentException("--n must be between 1 and 256, was " + n);
    }
    try (GanModel gan = GanModel.load(run, threads.threads);
        EmbeddingModel encoder = EmbeddingModel.load(embedding.orDefault(gan), threads.threads)) {
      EmbeddingDim.check(
          "the embedding run", encoder.dim(), "the GAN", gan.config().gan().embeddingDim());
      PngOutput.write(out, TextSamples.grid(gan, encoder, texts, n, seed));
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d text(s) x %d images, GAN step %d%n",
              out, texts.size(), n, gan.checkpoint().step());
    }
    return 0;
  }
}
