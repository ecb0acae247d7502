package t2i.training.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import t2i.data.io.AtomicFiles;

/** {@code t2i report}: reads a run folder and writes its HTML report atomically. */
public final class ReportWriter {
  /** The default report file, in the run folder. */
  public static final String FILE = "report.html";

  /** What was written. */
  public record Written(Path file, long bytes, RunReport report) {}

  private ReportWriter() {}

  /**
   * @param out the HTML file, or null for {@code <run>/report.html}
   */
  public static Written write(Path run, Path out) throws IOException {
    RunReport report = RunReport.read(run);
    byte[] html = ReportHtml.render(report).getBytes(StandardCharsets.UTF_8);
    Path file = out != null ? out : run.resolve(FILE);
    AtomicFiles.write(file, html);
    return new Written(file, html.length, report);
  }
}
