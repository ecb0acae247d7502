package t2i.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.image.Images;
import t2i.data.io.AtomicFiles;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanModel;
import t2i.training.style.StyleGrids;

/** {@code t2i interpolate}. */
@Command(
    name = "interpolate",
    mixinStandardHelpOptions = true,
    description = {
      "Interpolation at sampling time (Reed et al., ICML 2016): writes two grids. PREFIX-text.png:"
          + " fixed z (one row per seed), the text embedding going linearly from the first --text"
          + " to the second. PREFIX-noise.png: fixed text (one row per --text), z going linearly"
          + " from --seed's to --seed-b's. The first and last images are exactly the two parents."
    })
final class InterpolateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--gan", required = true, paramLabel = "RUN", description = "The GAN run.")
  Path gan;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "TEXT",
      description = "The two texts A and B (give --text twice).")
  List<String> texts;

  @Option(
      names = "--steps",
      description = "Images per row, ends included (default: ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int steps;

  @Option(
      names = "--seed",
      description =
          "Noise seed: rows of the text grid use it and the next two; the noise grid"
              + " starts there (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(names = "--seed-b", description = "The noise grid's end seed (default: --seed + 1).")
  Long seedB;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "PREFIX",
      description = "Writes PREFIX-text.png and PREFIX-noise.png (a trailing .png is dropped).")
  String out;

  @Mixin EmbeddingRunOption embedding;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (texts.size() != 2) {
      throw new IllegalArgumentException("give exactly two --text, was " + texts.size());
    }
    if (steps < 2 || steps > 32) {
      throw new IllegalArgumentException("--steps must be between 2 and 32, was " + steps);
    }
    String prefix = out.endsWith(".png") ? out.substring(0, out.length() - 4) : out;
    Path textGrid = Path.of(prefix + "-text.png");
    Path noiseGrid = Path.of(prefix + "-noise.png");
    long end = seedB != null ? seedB : seed + 1;
    try (GanModel g = GanModel.load(gan, threads.threads);
        EmbeddingModel e = EmbeddingModel.load(embedding.orDefault(g), threads.threads)) {
      writeGrids(g, e, texts.get(0), texts.get(1), steps, seed, end, textGrid, noiseGrid);
      spec.commandLine()
          .getOut()
          .printf("wrote %s and %s (GAN step %d)%n", textGrid, noiseGrid, g.checkpoint().step());
    }
    return 0;
  }

  /**
   * The text grid (rows: seeds {@code seed}, +1, +2; text from {@code a} to {@code b}) and the
   * noise grid (rows: {@code a}, {@code b}; z from {@code seed}'s to {@code seedB}'s), {@code
   * steps} images a row, ends included; also what the demo draws.
   */
  static void writeGrids(
      GanModel g,
      EmbeddingModel e,
      String a,
      String b,
      int steps,
      long seed,
      long seedB,
      Path textGrid,
      Path noiseGrid)
      throws IOException {
    AtomicFiles.write(
        textGrid,
        Images.encodePng(
            StyleGrids.textInterpolation(g, e, a, b, steps, List.of(seed, seed + 1, seed + 2))));
    AtomicFiles.write(
        noiseGrid,
        Images.encodePng(StyleGrids.noiseInterpolation(g, e, List.of(a, b), seed, seedB, steps)));
  }
}
