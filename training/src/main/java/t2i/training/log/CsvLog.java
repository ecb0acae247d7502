package t2i.training.log;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import t2i.error.UserException;

/**
 * {@code losses.csv}: a header, then a row per logged step. A resumed run appends; rows past the
 * resumed step (logged after its checkpoint, before the stop) are dropped first, so each step
 * appears once.
 */
public final class CsvLog implements AutoCloseable {
  private final BufferedWriter out;
  private final List<String> columns;

  /**
   * @param columns names of the values, after the fixed {@code step,seconds}
   * @param resumeStep drop rows after this step (0 for a new run)
   */
  public CsvLog(Path file, List<String> columns, long resumeStep) throws IOException {
    this.columns = List.copyOf(columns);
    String header = "step,seconds," + String.join(",", columns);
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || !lines.get(0).equals(header)) {
        throw new UserException(file + " has other columns than this run logs: " + header);
      }
      List<String> kept = new ArrayList<>();
      kept.add(header);
      for (String line : lines.subList(1, lines.size())) {
        int comma = line.indexOf(',');
        if (comma <= 0 || line.split(",", -1).length != columns.size() + 2) {
          continue; // a row cut short by a kill
        }
        try {
          if (Long.parseLong(line.substring(0, comma)) <= resumeStep) {
            kept.add(line);
          }
        } catch (NumberFormatException e) {
          // not a row of ours
        }
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, kept, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.writeString(file, header + "\n", StandardCharsets.UTF_8);
    }
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  public void row(long step, double seconds, Map<String, Double> values) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(step).append(',').append(String.format(Locale.ROOT, "%.1f", seconds));
    for (String c : columns) {
      Double v = values.get(c);
      sb.append(',').append(v == null ? "" : String.format(Locale.ROOT, "%.6g", v));
    }
    out.write(sb.append('\n').toString());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
