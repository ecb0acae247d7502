package t2i.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.data.image.ImageGrid;
import t2i.error.UserException;
import t2i.training.layout.BoxSamples;
import t2i.training.layout.LayoutModel;

/** {@code t2i sample boxes}. */
@Command(
    name = "boxes",
    mixinStandardHelpOptions = true,
    description = {
      "Draw layouts for free text from a box-generator run's latest checkpoint: for each text,"
          + " N layouts sampled with seeds S, S+1, ... (layout j of every text uses seed S+j, and"
          + " a seed gives the same layout in any batch, as in the exported text2layout). Writes"
          + " one PNG: a captioned row of labelled boxes per text."
    })
final class SampleBoxesCommand implements Callable<Integer> {
  private static final int SIDE = 160;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The box-generator run folder.")
  Path run;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "TEXT",
      description = "A caption; repeat for several rows.")
  List<String> texts;

  @Option(
      names = "--n",
      description = "Layouts per text (default: ${DEFAULT-VALUE}).",
      defaultValue = "6")
  int n;

  @Option(
      names = "--seed",
      description = "First seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--temperature",
      description = "Sampling temperature (default: the run's).",
      converter = OptionValues.PositiveFloat.class)
  Float temperature;

  @Mixin PngOutput out;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 64) {
      throw new UserException("--n must be in 1..64, was " + n);
    }
    try (LayoutModel model = LayoutModel.load(run, threads.threads)) {
      float t = temperature != null ? temperature : model.config().temperature();
      List<List<BufferedImage>> layouts = BoxSamples.layoutPictures(model, texts, n, seed, t, SIDE);
      List<ImageGrid.Row> rows = new ArrayList<>();
      for (int i = 0; i < texts.size(); i++) {
        rows.add(new ImageGrid.Row(layouts.get(i), texts.get(i)));
      }
      out.write(ImageGrid.draw(rows, 1));
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d layouts for each of %d texts (step %d, temperature %s)%n",
              out, n, texts.size(), model.checkpoint().step(), t);
    }
    return 0;
  }
}
