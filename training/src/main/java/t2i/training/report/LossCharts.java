package t2i.training.report;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The logged scalars as line charts (XChart, drawn headless to PNG), x = step, one chart per group:
 * losses ({@code loss*}), discriminator outputs ({@code d_*}, probabilities, on a fixed 0..1 axis),
 * learning rate ({@code lr}), and any other scalar on its own. Other charts whose positive values
 * span more than two orders of magnitude, with none negative, get a logarithmic y axis, so that a
 * loss falling from 80 to 0.2 stays readable; zeros cannot be drawn there and are counted in the
 * chart's notes.
 */
public final class LossCharts {
  static final int WIDTH = 1000;
  static final int HEIGHT = 340;
  private static final double LOG_SPAN = 100;
  private static final String DISCRIMINATOR = "Discriminator outputs";

  /** One drawn chart; {@code notes} say what it leaves out. */
  public record Chart(String title, List<String> scalars, byte[] png, List<String> notes) {
    public Chart {
      scalars = List.copyOf(scalars);
      notes = List.copyOf(notes);
    }
  }

  private LossCharts() {}

  public static List<Chart> draw(LossLog log) {
    Map<String, List<LossLog.Series>> groups = new LinkedHashMap<>();
    for (LossLog.Series s : log.series()) {
      if (!s.values().isEmpty()) {
        groups.computeIfAbsent(group(s.name()), k -> new ArrayList<>()).add(s);
      }
    }
    List<Chart> charts = new ArrayList<>();
    groups.forEach((title, series) -> charts.add(draw(title, series)));
    return List.copyOf(charts);
  }

  static String group(String scalar) {
    if (scalar.startsWith("loss")) {
      return "Losses";
    }
    if (scalar.startsWith("d_")) {
      return DISCRIMINATOR;
    }
    if (scalar.equals("lr")) {
      return "Learning rate";
    }
    return scalar;
  }

  private static Chart draw(String title, List<LossLog.Series> series) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title(title)
            .xAxisTitle("step")
            .yAxisTitle(series.size() == 1 ? series.get(0).name() : "")
            .build();
    chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
    chart.getStyler().setLegendVisible(series.size() > 1);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    boolean log = !title.equals(DISCRIMINATOR) && logarithmic(series);
    if (title.equals(DISCRIMINATOR)) {
      chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
    }
    chart.getStyler().setYAxisLogarithmic(log);
    List<String> names = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (LossLog.Series s : series) {
      List<Double> steps = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int i = 0; i < s.values().size(); i++) {
        if (!log || s.values().get(i) > 0) {
          steps.add(s.steps().get(i));
          values.add(s.values().get(i));
        }
      }
      int zeros = s.values().size() - values.size();
      if (zeros > 0) {
        notes.add(s.name() + ": " + zeros + " zero value(s) not drawn on the logarithmic axis");
      }
      if (values.isEmpty()) {
        continue;
      }
      XYSeries line = chart.addSeries(s.name(), steps, values);
      line.setMarker(SeriesMarkers.NONE);
      names.add(s.name());
    }
    try {
      return new Chart(title, names, BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG), notes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the " + title + " chart", e);
    }
  }

  /** No negative value, and the positive ones span more than {@link #LOG_SPAN}. */
  static boolean logarithmic(List<LossLog.Series> series) {
    double min = Double.POSITIVE_INFINITY;
    double max = 0;
    for (LossLog.Series s : series) {
      for (double v : s.values()) {
        if (v < 0) {
          return false;
        }
        if (v > 0) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    return max > 0 && max / min > LOG_SPAN;
  }
}
