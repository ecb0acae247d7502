package t2i.cli;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.image.ImageGrid;
import t2i.data.image.Images;
import t2i.error.UserException;
import t2i.training.ImageGeometry;
import t2i.training.layout.LabelMapPicture;
import t2i.training.layout.LayoutObject;
import t2i.training.layout.LayoutPicture;
import t2i.training.layout.MaskPicture;
import t2i.training.layout.SceneModel;
import t2i.training.layout.SceneTensors;

/** {@code t2i sample scene}. */
@Command(
    name = "scene",
    mixinStandardHelpOptions = true,
    description = {
      "Draw scenes for free text through the whole layout pipeline: the box generator samples a"
          + " layout, the shape generator a mask per object, their label map conditions the"
          + " image generator. Writes one PNG per text into --out: a row per seed S, S+1, ..."
          + " showing the boxes, the masks, the label map and the image."
    })
final class SampleSceneCommand implements Callable<Integer> {
  private static final int SCALE = 3;

  @Spec CommandSpec spec;

  @Mixin SceneRunsOptions runs;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "TEXT",
      description = "A caption; repeat for several PNGs.")
  List<String> texts;

  @Option(
      names = "--n",
      description = "Seeds per text (default: ${DEFAULT-VALUE}).",
      defaultValue = "4")
  int n;

  @Option(
      names = "--seed",
      description = "First seed (default: ${DEFAULT-VALUE}).",
      defaultValue = "0")
  long seed;

  @Option(
      names = "--temperature",
      description = "The box generator's sampling temperature (default: its run's).",
      converter = OptionValues.PositiveFloat.class)
  Float temperature;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Folder for the PNGs (scene-1.png, scene-2.png, ...).")
  Path out;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 16) {
      throw new UserException("--n must be in 1..16, was " + n);
    }
    Files.createDirectories(out);
    try (SceneModel model = new SceneModel(runs.load(), threads.threads)) {
      float t = temperature != null ? temperature : model.runs().boxes().temperature();
      List<BufferedImage> pictures = pictures(model, texts, n, seed, t);
      for (int i = 0; i < texts.size(); i++) {
        Path file = out.resolve("scene-" + (i + 1) + ".png");
        PngOutput.write(file, pictures.get(i));
        spec.commandLine().getOut().printf("wrote %s: \"%s\", %d seeds%n", file, texts.get(i), n);
      }
    }
    return 0;
  }

  /**
   * One picture per text: a row per seed {@code seed, seed + 1, ...} showing the sampled boxes, the
   * masks, the label map and the image.
   */
  static List<BufferedImage> pictures(
      SceneModel model, List<String> texts, int n, long seed, float temperature) {
    List<String> captions = new ArrayList<>();
    long[] seeds = new long[texts.size() * n];
    for (int i = 0; i < texts.size(); i++) {
      captions.addAll(Collections.nCopies(n, texts.get(i)));
      for (int j = 0; j < n; j++) {
        seeds[i * n + j] = seed + j;
      }
    }
    SceneModel.Scenes scenes = model.sample(captions, seeds, temperature);
    SceneTensors s = scenes.layouts();
    List<List<LayoutObject>> layouts = scenes.objects();
    List<String> classes = model.runs().classNames();
    int imageSide = scenes.imageSide();
    ImageGeometry geometry = new ImageGeometry(imageSide, 3);
    int cell = s.side() * SCALE;
    List<BufferedImage> pictures = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      List<ImageGrid.Row> rows = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        int k = i * n + j;
        List<BufferedImage> cells = new ArrayList<>();
        cells.add(LayoutPicture.draw(layouts.get(k), classes, cell));
        cells.add(MaskPicture.draw(s, s.masks(), k, classes.size(), SCALE));
        cells.add(
            Images.resize(
                LabelMapPicture.draw(scenes.labelMaps(), k, imageSide, classes.size(), 1),
                cell,
                cell));
        cells.add(Images.resize(geometry.picture(scenes.images(), k), cell, cell));
        rows.add(
            new ImageGrid.Row(
                cells,
                "\""
                    + texts.get(i)
                    + "\", seed "
                    + seeds[k]
                    + ": boxes | masks | label map | image"));
      }
      pictures.add(ImageGrid.draw(rows, 1));
    }
    return pictures;
  }
}
