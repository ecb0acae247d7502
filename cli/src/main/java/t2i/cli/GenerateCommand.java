package t2i.cli;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.ServingException;
import t2i.serving.Text2ImageClient;
import t2i.serving.Text2ImageContract;
import t2i.serving.local.InProcessClient;

/** {@code t2i generate}: images for a text, from an export folder or a server, as one PNG. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description = {
      "Generate N images of a text with the text2image model and write them as one grid PNG"
          + " (ceil(sqrt(N)) images per row, no gaps). The model runs in this process (--model)"
          + " or on a server with TF Serving's REST or gRPC API (--server: t2i serve or TF"
          + " Serving); with neither, the pretrained model bundled in models/ runs here."
    })
final class GenerateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "TEXT", description = "What to draw.")
  String text;

  @Option(
      names = "--n",
      paramLabel = "N",
      defaultValue = "4",
      description = "How many images (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int n;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seeds S, S+1, ..., S+N-1 (default: random; the seeds used are printed).")
  Long seed;

  @Mixin PngOutput out;

  @ArgGroup(multiplicity = "0..1")
  Backend backend;

  /** At most one of the two; with neither, the bundled model. */
  static final class Backend {
    @Option(
        names = "--model",
        paramLabel = "DIR",
        description =
            "An export folder holding text2image/<version>/: run the model here (default: the"
                + " bundled models/).")
    Path model;

    @Option(
        names = "--server",
        paramLabel = "URL",
        description =
            "A server with TF Serving's REST API, e.g. http://127.0.0.1:8501, or its gRPC API,"
                + " e.g. grpc://127.0.0.1:8500.")
    URI server;
  }

  @Option(
      names = "--model-name",
      paramLabel = "NAME",
      defaultValue = Text2ImageContract.MODEL,
      description = "The model's name on the server or in the folder (default: ${DEFAULT-VALUE}).")
  String modelName;

  @Override
  public Integer call() throws IOException {
    List<String> texts = Collections.nCopies(n, text);
    List<GeneratedImage> images;
    try (PredictClient client = open()) {
      Text2ImageClient t2i =
          Text2ImageClient.builder(client).model(ModelSpec.latest(modelName)).build();
      if (seed == null) {
        images = t2i.generate(texts);
      } else {
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          seeds.add(seed + i);
        }
        images = t2i.generate(texts, seeds);
      }
    } catch (ServingException e) {
      throw userError(e);
    } catch (IllegalStateException e) {
      throw new UserException(
          modelName + " does not follow the text2image contract: " + e.getMessage(), e);
    }
    BufferedImage grid = grid(images);
    out.write(grid);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %s (%dx%d): %d image(s) of \"%s\", seeds %s%n",
            out,
            grid.getWidth(),
            grid.getHeight(),
            images.size(),
            text,
            images.stream().map(i -> Long.toString(i.seed())).collect(Collectors.joining(", ")));
    return 0;
  }

  private PredictClient open() {
    if (backend != null && backend.server != null) {
      return RemoteClients.connect(backend.server);
    }
    Path dir =
        backend != null
            ? backend.model
            : BundledModels.require(modelName, "name one with --model DIR or --server URL");
    if (!Files.isDirectory(dir.resolve(modelName))) {
      throw new UserException(
          "no "
              + modelName
              + " model in "
              + dir
              + ": expected "
              + dir.resolve(modelName).resolve("<version>/saved_model.pb")
              + " (--model takes the export folder, t2i export --out)");
    }
    try {
      return InProcessClient.open(dir, modelName);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage(), e);
    }
  }

  private UserException userError(ServingException e) {
    if (backend == null || backend.server == null) {
      return new UserException(modelName + ": " + e.getMessage(), e);
    }
    if (e.httpStatus() == 0) {
      return new UserException(
          e.getMessage() + "; start one with `t2i serve --models DIR` or check --server", e);
    }
    return new UserException(
        backend.server + " answered " + e.httpStatus() + ": " + e.getMessage(), e);
  }

  /** The images left to right, top to bottom, ceil(sqrt(n)) per row, white where none is. */
  static BufferedImage grid(List<GeneratedImage> images) {
    int columns = (int) Math.ceil(Math.sqrt(images.size()));
    int rows = (images.size() + columns - 1) / columns;
    int w = images.get(0).width();
    int h = images.get(0).height();
    BufferedImage grid = new BufferedImage(columns * w, rows * h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = grid.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
    for (int i = 0; i < images.size(); i++) {
      g.drawImage(images.get(i).toBufferedImage(), (i % columns) * w, (i / columns) * h, null);
    }
    g.dispose();
    return grid;
  }
}
