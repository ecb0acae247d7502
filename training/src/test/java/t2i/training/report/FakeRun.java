package t2i.training.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import t2i.data.image.Images;
import t2i.data.io.Json;
import t2i.training.gan.GanEvaluator;
import t2i.training.log.CsvLog;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A small GAN run folder written with the project's own writers, for report tests: config.json,
 * losses.csv, checkpoints/latest.json (without weights), two sample grids, eval-gan.json and a grid
 * whose file name (the caption) holds HTML.
 */
public final class FakeRun {
  public static final long STEP = 120;
  public static final double SECONDS = 3900; // 1:05

  /** A configuration value and a grid file name a report must escape. */
  public static final String EVIL_DATASET = "data<sets>/\"emoji\" & more";

  public static final String EVIL_GRID = "interpolation-<script>alert(1)<b>.png";

  private FakeRun() {}

  /** Only config.json. */
  public static Path configOnly(Path dir) throws IOException {
    RunDirectory.create(dir, "gan", config());
    return dir;
  }

  public static Path complete(Path dir) throws IOException {
    configOnly(dir);
    try (CsvLog log =
        new CsvLog(
            dir.resolve("losses.csv"), List.of("loss_d", "loss_g", "d_real", "d_fake", "lr"), 0)) {
      for (long step = 1; step <= STEP; step += 7) {
        log.row(
            step,
            step * SECONDS / STEP,
            Map.of(
                "loss_d",
                1.5 / Math.sqrt(step),
                "loss_g",
                4.0 + Math.sin(step),
                "d_real",
                0.9,
                "d_fake",
                0.1 + 0.05 * Math.cos(step),
                "lr",
                2e-4));
      }
    }
    Files.createDirectories(dir.resolve("checkpoints"));
    Json.write(
        dir.resolve("checkpoints/latest.json"),
        new Checkpoints.Latest(STEP, "step-" + STEP, SECONDS));
    Files.createDirectories(dir.resolve("samples"));
    Files.write(dir.resolve("samples/step-0000060.png"), png(Color.RED));
    Files.write(dir.resolve("samples/step-0000120.png"), png(Color.BLUE));
    Files.write(dir.resolve("samples/latest.png"), png(Color.BLUE));
    Files.write(dir.resolve(EVIL_GRID), png(Color.GREEN));
    Json.write(dir.resolve(GanEvaluator.FILE), evaluation(STEP));
    return dir;
  }

  public static GanEvaluator.Report evaluation(long step) {
    return new GanEvaluator.Report(
        "runs/fake",
        step,
        "runs/embedding",
        900,
        16,
        null,
        null,
        null,
        0,
        Map.of(
            "test",
            new GanEvaluator.SplitReport(
                64, 100, 0.0757, 0.0572, 0.01, 0.0757 / 0.0572, 52.1, 32.3, null)),
        null);
  }

  /** A distinct small PNG per colour. */
  public static byte[] png(Color color) {
    BufferedImage image = new BufferedImage(48, 24, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(color);
    g.fillRect(0, 0, 48, 24);
    g.dispose();
    return Images.encodePng(image);
  }

  private static Map<String, Object> config() {
    Map<String, Object> gan = new LinkedHashMap<>();
    gan.put("ngf", 8);
    gan.put("zDim", 4);
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dataset", EVIL_DATASET);
    config.put("gan", gan);
    config.put("loss", "int-cls");
    config.put("learningRate", 2e-4);
    return config;
  }
}
