package t2i.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.LongStream;
import t2i.data.image.ImageGrid;
import t2i.export.BundleManifest;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.ServingException;
import t2i.serving.Text2ImageClient;
import t2i.serving.Text2ImageContract;
import t2i.serving.local.InProcessClient;

/**
 * The demo's first pictures, before it trains anything: the pretrained text2image model bundled in
 * the repository draws fixed prompts, a row of seeds each.
 */
final class DemoPretrained {
  static final String FILE = "pretrained.png";

  /** Prompts for the bundled model: emoji it trained on, and objects from its test classes. */
  static final List<String> PROMPTS =
      List.of(
          "red heart",
          "grinning face",
          "dog face",
          "red apple",
          "pine tree",
          "crocodile",
          "hot pepper",
          "airplane");

  static final int SEEDS = 8;

  private DemoPretrained() {}

  /**
   * Draws {@link #PROMPTS} with the model in {@code bundle} into {@code out}/{@value #FILE}, unless
   * that picture is newer than the bundle's manifest.
   *
   * @return made, reused, or skipped when there is no bundled model
   */
  static Demo.Outcome draw(Path bundle, Path picture, PrintWriter err) throws IOException {
    if (!Files.isDirectory(bundle.resolve(Text2ImageContract.MODEL))) {
      return Demo.Outcome.SKIPPED;
    }
    Path manifest = bundle.resolve(BundleManifest.FILE);
    if (Files.exists(picture)
        && Files.exists(manifest)
        && Files.getLastModifiedTime(picture).compareTo(Files.getLastModifiedTime(manifest)) > 0) {
      return Demo.Outcome.REUSED;
    }
    List<ImageGrid.Row> rows = new ArrayList<>();
    List<Long> seeds = LongStream.range(0, SEEDS).boxed().toList();
    try (PredictClient client = InProcessClient.open(bundle, Text2ImageContract.MODEL)) {
      Text2ImageClient t2i =
          Text2ImageClient.builder(client)
              .model(ModelSpec.latest(Text2ImageContract.MODEL))
              .build();
      for (String prompt : PROMPTS) {
        List<BufferedImage> cells = new ArrayList<>();
        for (GeneratedImage image : t2i.generate(Collections.nCopies(SEEDS, prompt), seeds)) {
          cells.add(image.toBufferedImage());
        }
        rows.add(new ImageGrid.Row(cells, prompt));
      }
    } catch (ServingException | IllegalArgumentException e) {
      throw new t2i.error.UserException(
          "the bundled model in " + bundle + " does not run: " + e.getMessage(), e);
    }
    PngOutput.write(picture, ImageGrid.draw(rows, 1));
    err.printf(
        Locale.ROOT,
        "wrote %s: the bundled pretrained model, %d prompts x %d seeds%n",
        picture,
        PROMPTS.size(),
        SEEDS);
    return Demo.Outcome.MADE;
  }
}
