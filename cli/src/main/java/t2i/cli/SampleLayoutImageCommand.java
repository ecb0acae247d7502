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
import t2i.error.UserException;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.layout.LayoutImageModel;
import t2i.training.layout.LayoutImageSamples;

/** {@code t2i sample layout-image}. */
@Command(
    name = "layout-image",
    mixinStandardHelpOptions = true,
    description = {
      "Draw images from a layout image generator run's latest checkpoint for scenes of a split"
          + " (their true label maps and first captions): one row per scene, the label map, N"
          + " images for noise seeds S, S+1, ..., and the real image. Writes one PNG."
    })
final class SampleLayoutImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The layout image generator's run folder.")
  Path run;

  @Option(
      names = "--split",
      description = "trainval, validation or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--scenes",
      description = "Scenes, evenly spaced over the split (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int scenes;

  @Option(
      names = "--n",
      description = "Images per scene (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int n;

  @Option(
      names = "--seed",
      description = "First noise seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin PngOutput out;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (scenes < 1 || scenes > 64) {
      throw new UserException("--scenes must be in 1..64, was " + scenes);
    }
    if (n < 1 || n > 16) {
      throw new UserException("--n must be in 1..16, was " + n);
    }
    try (LayoutImageModel model = LayoutImageModel.load(run, threads.threads)) {
      CaptionEmbeddings embeddings = CaptionEmbeddings.read(Path.of(model.config().embeddings()));
      LayoutImageSamples grid =
          new LayoutImageSamples(model.config(), embeddings, split, scenes, n, seed);
      out.write(grid.render(model));
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d %s scenes x %d images (step %d)%n",
              out, grid.rows(), split.fileName(), n, model.checkpoint().step());
    }
    return 0;
  }
}
