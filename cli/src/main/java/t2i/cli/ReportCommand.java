package t2i.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.training.report.ReportWriter;

/** {@code t2i report}. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write a self-contained HTML report for each run folder: the configuration, steps and wall"
          + " time, charts of the logged losses, the newest sample grids, the other PNG grids in"
          + " the folder (interpolations, style transfer) and the evaluation tables with their"
          + " definitions. Images are embedded; the page needs no network.",
    })
final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN", arity = "1..*", description = "Run folders.")
  List<Path> runs;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "The HTML file, for a single RUN (default: RUN/" + ReportWriter.FILE + ").")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (out != null && runs.size() != 1) {
      throw new UserException(
          "--out names one file but "
              + runs.size()
              + " runs were given: drop --out to write"
              + " RUN/"
              + ReportWriter.FILE
              + " in each");
    }
    for (Path run : runs) {
      ReportWriter.Written w = ReportWriter.write(run, out);
      spec.commandLine()
          .getOut()
          .printf(Locale.ROOT, "wrote %s (%.1f MB)%n", w.file(), w.bytes() / 1e6);
    }
    spec.commandLine().getOut().flush();
    return 0;
  }
}
