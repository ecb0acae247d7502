package t2i.training.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.io.Json;
import t2i.training.gan.GanEvaluator;

class ReportHtmlTest {
  @TempDir Path dir;

  static BufferedImage decode(byte[] png) throws IOException {
    assertNotNull(png, "an <img> without a PNG data URI");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, "a data URI that is not a PNG");
    return image;
  }

  @Test
  void aCompleteRunHasChartsImagesEvaluationAndConfiguration() throws IOException {
    Path run = FakeRun.complete(dir.resolve("run"));
    String html = ReportHtml.render(RunReport.read(run));

    List<EmbeddedImages.Image> images = EmbeddedImages.of(html);
    // Three charts (losses, D outputs, lr), two sample grids, one grid.
    assertEquals(6, images.size(), html.length() + " characters");
    for (EmbeddedImages.Image image : images.subList(0, 3)) {
      BufferedImage chart = decode(image.png());
      assertEquals(LossCharts.WIDTH, chart.getWidth());
      assertEquals(LossCharts.HEIGHT, chart.getHeight());
    }
    assertTrue(images.get(0).alt().startsWith("Losses: loss_d, loss_g"), images.get(0).alt());
    assertTrue(images.get(1).alt().startsWith("Discriminator outputs: d_real, d_fake"));
    assertTrue(images.get(2).alt().startsWith("Learning rate: lr"));
    // The images are the run's files, newest sample first, byte for byte.
    assertArrayEquals(
        Files.readAllBytes(run.resolve("samples/step-0000120.png")), images.get(3).png());
    assertArrayEquals(
        Files.readAllBytes(run.resolve("samples/step-0000060.png")), images.get(4).png());
    assertArrayEquals(Files.readAllBytes(run.resolve(FakeRun.EVIL_GRID)), images.get(5).png());
    assertEquals(Color.GREEN.getRGB(), decode(images.get(5).png()).getRGB(3, 3));

    assertTrue(html.contains("<td>" + FakeRun.STEP + " (latest checkpoint)</td>"), html);
    assertTrue(html.contains("1:05 (h:mm"), "wall time");
    assertTrue(html.contains("<td class=\"num\">7.6%</td>"), "R-precision of generated images");
    assertTrue(html.contains("<td class=\"num\">52.100</td>"), "Frechet distance");
    assertTrue(
        html.contains(ReportHtml.esc(FakeRun.evaluation(FakeRun.STEP).definitions())),
        "the evaluator's own definitions");
    for (String key : List.of("dataset", "gan.ngf", "gan.zDim", "loss", "learningRate")) {
      assertTrue(html.contains("<tr><th>" + key + "</th>"), key);
    }
  }

  @Test
  void textFromTheRunIsEscaped() throws IOException {
    String html = ReportHtml.render(RunReport.read(FakeRun.complete(dir.resolve("run"))));
    assertFalse(html.contains("<script"), "a caption became a script");
    assertFalse(html.contains("<sets>"), "a configuration value became a tag");
    assertTrue(html.contains("interpolation-&lt;script&gt;alert(1)&lt;b&gt;.png</figcaption>"));
    assertTrue(html.contains("data&lt;sets&gt;/&quot;emoji&quot; &amp; more"));
  }

  @Test
  void aRunWithOnlyItsConfigurationSaysWhatIsMissing() throws IOException {
    Path run = FakeRun.configOnly(dir.resolve("new"));
    String html = ReportHtml.render(RunReport.read(run));
    assertEquals(List.of(), EmbeddedImages.of(html));
    assertTrue(html.contains("no checkpoint yet"));
    assertTrue(html.contains("No losses.csv yet"));
    assertTrue(html.contains("No sample grids yet"));
    assertTrue(html.contains("Not evaluated yet: run <code>t2i eval gan "));
    assertTrue(html.contains("<tr><th>gan.ngf</th><td><code>8</code></td></tr>"), html);
  }

  @Test
  void anEvaluationOfAnOlderCheckpointSaysSo() throws IOException {
    Path run = FakeRun.complete(dir.resolve("run"));
    Json.write(run.resolve(GanEvaluator.FILE), FakeRun.evaluation(60));
    String html = ReportHtml.render(RunReport.read(run));
    assertTrue(html.contains("Scored at step 60;"));
    assertTrue(html.contains("The latest checkpoint is step 120"), html);
  }

  @Test
  void anUnreadableImageIsNamedInsteadOfShownBroken() throws IOException {
    Path run = FakeRun.complete(dir.resolve("run"));
    Files.writeString(run.resolve("style-transfer.png"), "not a png");
    String html = ReportHtml.render(RunReport.read(run));
    assertEquals(6, EmbeddedImages.of(html).size());
    assertTrue(html.contains("Not a readable PNG: "), html);
  }

  @Test
  void wallTimeIsHoursAndMinutes() {
    assertEquals("0:00", ReportHtml.hoursMinutes(0));
    assertEquals("0:50", ReportHtml.hoursMinutes(3000.1));
    assertEquals("26:01", ReportHtml.hoursMinutes(26 * 3600 + 61));
  }
}
