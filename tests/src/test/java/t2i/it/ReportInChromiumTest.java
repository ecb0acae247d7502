package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import t2i.cli.Main;
import t2i.training.report.EmbeddedImages;
import t2i.training.report.FakeRun;

/**
 * {@code t2i report} opened in headless Chromium: no console errors, every image shown, and a
 * screenshot in {@code target/report-in-chromium.png}. Skipped where the {@code chromium} package
 * is not installed. Broken and scripted copies of the page show that both checks can fail.
 */
class ReportInChromiumTest {
  static final int WIDTH = 1200;
  static final int HEIGHT = 3000;
  static final int IMAGES = 6; // three charts, two sample grids, one grid (see FakeRun)

  @TempDir Path dir;

  @Test
  void reportRendersWithEveryImageAndNoConsoleErrors() throws IOException {
    Optional<HeadlessChromium> found = HeadlessChromium.find(dir);
    assumeTrue(
        found.isPresent(),
        "chromium is not installed (apt-get install chromium, or set CHROMIUM): skipping the"
            + " report's browser test");
    HeadlessChromium chromium = found.get();

    Path run = FakeRun.complete(dir.resolve("run"));
    CommandLine cli = Main.newCommandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    assertEquals(0, cli.execute("report", run.toString()), err.toString());
    Path report = run.resolve("report.html");
    String html = Files.readString(report);

    // Every <img> is a PNG data URI that decodes.
    List<EmbeddedImages.Image> images = EmbeddedImages.of(html);
    assertEquals(IMAGES, images.size());
    for (EmbeddedImages.Image image : images) {
      assertNotNull(image.png(), "not a data URI: " + image.alt());
      assertNotNull(ImageIO.read(new ByteArrayInputStream(image.png())), image.alt());
    }

    Path screenshot = Path.of("target", "report-in-chromium.png").toAbsolutePath();
    Files.createDirectories(screenshot.getParent());
    Files.deleteIfExists(screenshot);
    HeadlessChromium.Result shot = chromium.screenshot(report, screenshot, WIDTH, HEIGHT);
    assertEquals(List.of(), shot.console(), "console messages while rendering the report");
    BufferedImage picture = ImageIO.read(screenshot.toFile());
    assertNotNull(picture, "no screenshot at " + screenshot);
    assertEquals(WIDTH, picture.getWidth());
    assertEquals(HEIGHT, picture.getHeight());
    for (Color c : List.of(Color.BLUE, Color.RED, Color.GREEN)) {
      assertTrue(
          shows(picture, c), "the screenshot lacks FakeRun's " + c + " image: " + screenshot);
    }

    // Controls: one image corrupted, one file missing, one script error.
    Path broken = dir.resolve("broken.html");
    Files.writeString(
        broken,
        html.replaceFirst("base64,[A-Za-z0-9+/=]+\"", "base64,AAAA\"")
            .replace(
                "</body>",
                "<img src=\"missing.png\" alt=\"missing\">"
                    + "<script>console.error(\"control error\")</script></body>"));
    HeadlessChromium.Result check = chromium.checkImages(List.of(report, broken));
    assertEquals(
        List.of(
            new HeadlessChromium.ImageCheck("report.html", IMAGES, 0),
            new HeadlessChromium.ImageCheck("broken.html", IMAGES + 1, 2)),
        check.checks());
    assertEquals(1, check.console().size(), "only the control's error: " + check.console());
    assertTrue(check.console().get(0).contains("control error"), check.console().get(0));
  }

  /** Whether a 4x4 block of exactly this colour is on the picture (FakeRun's flat images). */
  private static boolean shows(BufferedImage image, Color colour) {
    int rgb = colour.getRGB();
    for (int y = 0; y + 4 <= image.getHeight(); y += 4) {
      for (int x = 0; x + 4 <= image.getWidth(); x += 4) {
        if (image.getRGB(x, y) == rgb
            && image.getRGB(x + 3, y) == rgb
            && image.getRGB(x, y + 3) == rgb
            && image.getRGB(x + 3, y + 3) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
