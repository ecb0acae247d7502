package t2i.cli;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.image.QueryImage;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanModel;
import t2i.training.style.StyleGrids;
import t2i.training.style.StyleModel;

/** {@code t2i style-transfer}. */
@Command(
    name = "style-transfer",
    mixinStandardHelpOptions = true,
    description = {
      "Transfer the style of an image to new text: s <- S(x), x' <- G(s, phi(t)). The image may"
          + " be PNG, JPEG, GIF or BMP in any bit depth; it is centre-cropped to a square and"
          + " resized to the side the style encoder takes (64x64 by default; each change is noted). Writes a grid: for each --text, the query"
          + " and the result.",
      "G is the generator the style run was trained to invert, unless --gan names another run"
          + " with the same z dimension and images."
    })
final class StyleTransferCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--style", required = true, paramLabel = "RUN", description = "The style run.")
  Path style;

  @Option(names = "--image", required = true, paramLabel = "FILE", description = "The query image.")
  Path image;

  @Option(
      names = "--text",
      required = true,
      paramLabel = "TEXT",
      description = "A description; repeat for several.")
  List<String> texts;

  @Mixin PngOutput out;

  @Option(names = "--gan", paramLabel = "RUN", description = "Another GAN run's latest G.")
  Path gan;

  @Mixin EmbeddingRunOption embedding;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() throws Exception {
    try (StyleModel s = StyleModel.load(style, threads.threads);
        GanModel g =
            gan != null
                ? GanModel.load(gan, threads.threads)
                : GanModel.load(Path.of(s.config().gan()), s.checkpoint(), threads.threads);
        EmbeddingModel e = EmbeddingModel.load(embedding.orDefault(g), threads.threads)) {
      out.write(
          transfer(
              s,
              g,
              gan != null ? gan.toString() : s.config().gan(),
              e,
              image,
              texts,
              spec.commandLine().getErr()));
      spec.commandLine().getOut().printf("wrote %s: %d text(s)%n", out, texts.size());
    }
    return 0;
  }

  /**
   * The transfer grid: the query image at S's side (each change noted on {@code err}), encoded by S
   * and drawn by G with each text; also what the demo draws.
   */
  static BufferedImage transfer(
      StyleModel s,
      GanModel g,
      String ganName,
      EmbeddingModel e,
      Path image,
      List<String> texts,
      PrintWriter err)
      throws IOException {
    QueryImage query = QueryImage.load(image, s.imageGeometry().side());
    query.notes().forEach(n -> err.println("note: " + image + ": " + n));
    s.config().checkInverts(g.config().gan(), ganName);
    return StyleGrids.transfer(g, e, s, query, texts);
  }
}
