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
import t2i.data.Split;
import t2i.data.image.ImageGrid;
import t2i.data.image.Images;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.training.layout.ShapeSamples;
import t2i.training.layout.ShapesModel;

/** {@code t2i sample shapes}. */
@Command(
    name = "shapes",
    mixinStandardHelpOptions = true,
    description = {
      "Draw a shape-generator run's masks for the true layouts of some scenes: per scene a row"
          + " with the scene's image, its true visible masks, then the masks drawn with seeds S,"
          + " S+1, ... (each object in its class's colour, its box outlined)."
    })
final class SampleShapesCommand implements Callable<Integer> {
  private static final int SCALE = 3;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", description = "The shape-generator run folder.")
  Path run;

  @Option(
      names = "--split",
      description = "trainval, validation or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "test")
  Split split;

  @Option(
      names = "--scenes",
      description = "Scenes, from the split's first (default: ${DEFAULT-VALUE}).",
      defaultValue = "8",
      converter = OptionValues.PositiveInt.class)
  int scenes;

  @Option(
      names = "--n",
      description = "Seeds per scene (default: ${DEFAULT-VALUE}).",
      defaultValue = "3")
  int n;

  @Option(
      names = "--seed",
      description = "First seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin PngOutput out;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 16) {
      throw new UserException("--n must be in 1..16, was " + n);
    }
    try (ShapesModel model = ShapesModel.load(run, threads.threads)) {
      List<SceneRecord> records = SceneDataset.open(Path.of(model.config().dataset())).read(split);
      records = records.subList(0, Math.min(scenes, records.size()));
      List<List<BufferedImage>> masks = ShapeSamples.maskPictures(model, records, n, seed, SCALE);
      List<ImageGrid.Row> rows = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        SceneRecord r = records.get(i);
        List<BufferedImage> pictures = new ArrayList<>();
        BufferedImage image = Images.decodeOnWhite(r.png(), r.key());
        pictures.add(Images.resize(image, r.size() * SCALE, r.size() * SCALE));
        pictures.addAll(masks.get(i));
        rows.add(new ImageGrid.Row(pictures, r.key() + ": " + r.captions().get(0)));
      }
      out.write(ImageGrid.draw(rows, 1));
      spec.commandLine()
          .getOut()
          .printf(
              "wrote %s: %d scenes, image | true masks | %d seeds (step %d)%n",
              out, records.size(), n, model.checkpoint().step());
    }
    return 0;
  }
}
