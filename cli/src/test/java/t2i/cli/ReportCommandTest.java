package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.training.report.FakeRun;

class ReportCommandTest {
  @TempDir Path dir;

  @Test
  void writesReportHtmlIntoEachRunOrWhereOutSays() throws IOException {
    Path a = FakeRun.complete(dir.resolve("a"));
    Path b = FakeRun.configOnly(dir.resolve("b"));
    CliRun both = CliRun.of("report", a.toString(), b.toString());
    assertEquals(0, both.exit(), both.err());
    assertTrue(both.out().contains("wrote " + a.resolve("report.html")), both.out());
    assertTrue(Files.readString(a.resolve("report.html")).contains("data:image/png;base64,"));
    assertTrue(Files.readString(b.resolve("report.html")).contains("No losses.csv yet"));

    Path out = dir.resolve("elsewhere/a.html");
    CliRun one = CliRun.of("report", a.toString(), "--out", out.toString());
    assertEquals(0, one.exit(), one.err());
    assertTrue(Files.readString(out).endsWith("</html>\n"));
    try (var files = Files.list(out.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void mistakesAreOneLine() throws IOException {
    CliTest.assertOneLineError(
        CliRun.of("report", dir.toString()), "is not a t2i run (no config.json)");
    Path a = FakeRun.configOnly(dir.resolve("a"));
    CliRun two = CliRun.of("report", a.toString(), a.toString(), "--out", "x.html");
    CliTest.assertOneLineError(two, "--out names one file but 2 runs were given");
    assertFalse(Files.exists(Path.of("x.html")));
  }
}
