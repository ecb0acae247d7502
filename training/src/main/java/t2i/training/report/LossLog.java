package t2i.training.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import t2i.error.UserException;

/**
 * A run's {@code losses.csv} ({@code step,seconds,<scalars...>}, see {@link
 * t2i.training.log.CsvLog}) as one series per scalar, x = step. Rows cut short by a kill and blank
 * or unparsable cells are left out, as the trainers do when they resume.
 */
public record LossLog(List<Series> series, int rows, long lastStep, double lastSeconds) {
  private static final List<String> FIXED = List.of("step", "seconds");

  /**
   * One logged scalar: its steps and finite values, the same length; {@code nonFinite} counts the
   * NaN and infinite values left out (a diverged run).
   */
  public record Series(String name, List<Double> steps, List<Double> values, int nonFinite) {
    public Series {
      steps = List.copyOf(steps);
      values = List.copyOf(values);
      if (steps.size() != values.size()) {
        throw new IllegalArgumentException(
            name + ": " + steps.size() + " steps but " + values.size() + " values");
      }
    }
  }

  public LossLog {
    series = List.copyOf(series);
  }

  public static LossLog read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).startsWith(String.join(",", FIXED))) {
      throw new UserException(
          csv
              + " is not a t2i losses.csv: its header must start with step,seconds, was "
              + (lines.isEmpty() ? "an empty file" : '"' + lines.get(0) + '"'));
    }
    List<String> header = Arrays.asList(lines.get(0).split(",", -1));
    List<String> names = header.subList(FIXED.size(), header.size());
    List<List<Double>> steps = new ArrayList<>();
    List<List<Double>> values = new ArrayList<>();
    int[] nonFinite = new int[names.size()];
    for (int c = 0; c < names.size(); c++) {
      steps.add(new ArrayList<>());
      values.add(new ArrayList<>());
    }
    int rows = 0;
    long lastStep = 0;
    double lastSeconds = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      if (cells.length != header.size()) {
        continue;
      }
      Double step = number(cells[0]);
      Double seconds = number(cells[1]);
      if (step == null || seconds == null || !Double.isFinite(step + seconds)) {
        continue;
      }
      rows++;
      lastStep = step.longValue();
      lastSeconds = seconds;
      for (int c = 0; c < names.size(); c++) {
        Double value = number(cells[FIXED.size() + c]);
        if (value != null && !Double.isFinite(value)) {
          nonFinite[c]++;
        } else if (value != null) {
          steps.get(c).add(step);
          values.get(c).add(value);
        }
      }
    }
    List<Series> series = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      if (!values.get(c).isEmpty() || nonFinite[c] > 0) {
        series.add(new Series(names.get(c), steps.get(c), values.get(c), nonFinite[c]));
      }
    }
    return new LossLog(series, rows, lastStep, lastSeconds);
  }

  private static Double number(String cell) {
    if (cell.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(cell.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
