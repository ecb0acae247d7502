package t2i.cli;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.data.TextImageRecord;
import t2i.data.image.ImageGrid;
import t2i.data.image.Images;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.ScenePreview;
import t2i.data.scenes.SceneRecord;

/** {@code t2i data preview}. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description =
        "Draw random records of a dataset as a PNG grid, one record per row with its"
            + " class, style and two of its captions; scenes with their boxes, class labels and"
            + " mask outlines.")
final class DataPreviewCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetParameter data;

  @Mixin SplitOption split;

  @Option(
      names = "--n",
      description = "Records to draw (default: ${DEFAULT-VALUE}).",
      defaultValue = "12",
      converter = OptionValues.PositiveInt.class)
  int n;

  @Option(
      names = "--seed",
      description = "Which records (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Mixin PngOutput out;

  @Override
  public Integer call() throws Exception {
    Dataset dataset = Dataset.open(data.dir);
    if (SceneDataset.isScenes(dataset)) {
      return previewScenes(SceneDataset.open(data.dir));
    }
    List<TextImageRecord> records = dataset.read(split.split);
    Random random = new Random(seed);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(n, records.size()); i++) {
      TextImageRecord r = records.get(random.nextInt(records.size()));
      BufferedImage image = Images.decodeOnWhite(r.png(), r.key());
      String caption =
          String.format(
              "[%s, %s, %s] \"%s\" / \"%s\"",
              r.className(),
              r.style(),
              r.key(),
              r.captions().get(0),
              r.captions().get(r.captions().size() - 1));
      rows.add(new ImageGrid.Row(List.of(image), caption));
    }
    out.write(ImageGrid.draw(rows, 1));
    spec.commandLine().getOut().println("wrote " + out + " (" + rows.size() + " records)");
    return 0;
  }

  private int previewScenes(SceneDataset dataset) throws Exception {
    List<SceneRecord> records = dataset.read(split.split);
    Random random = new Random(seed);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int i = 0; i < Math.min(n, records.size()); i++) {
      SceneRecord r = records.get(random.nextInt(records.size()));
      String caption =
          String.format(
              "[%s, %s, %s] \"%s\" / \"%s\"",
              r.key(),
              r.style(),
              r.background(),
              r.captions().get(0),
              r.captions().get(r.captions().size() - 1));
      rows.add(new ImageGrid.Row(List.of(ScenePreview.draw(r, 4 * 64)), caption));
    }
    out.write(ImageGrid.draw(rows, 1));
    spec.commandLine().getOut().println("wrote " + out + " (" + rows.size() + " scenes)");
    return 0;
  }
}
