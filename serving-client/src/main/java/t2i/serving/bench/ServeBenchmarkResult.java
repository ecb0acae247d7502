package t2i.serving.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The figures of one {@link ServeBenchmark} run.
 *
 * @param model the model version that answered
 * @param rows one per backend and batch size, in the order they ran
 * @param bodies the REST body sizes and the agreement check, one per batch size
 * @param loadBefore the system's 1-minute load average when the run began (-1: unknown)
 * @param loadAfter the same when it ended
 */
public record ServeBenchmarkResult(
    String model,
    ServeBenchmark.Options options,
    List<Row> rows,
    List<Bodies> bodies,
    double loadBefore,
    double loadAfter,
    int cores,
    String machine) {
  public ServeBenchmarkResult {
    rows = List.copyOf(rows);
    bodies = List.copyOf(bodies);
  }

  /** Where the calls ran. */
  public enum Backend {
    IN_PROCESS("in-process"),
    REST("rest");

    private final String label;

    Backend(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /**
   * One backend at one batch size.
   *
   * @param cpuMillisPerRequest CPU time of the whole process per request (NaN: unknown): less
   *     disturbed than the latencies by other processes competing for the cores
   */
  public record Row(
      Backend backend,
      int batch,
      Latencies latencies,
      double imagesPerSecond,
      double cpuMillisPerRequest) {}

  /**
   * One batch size's REST bodies, and how the REST answer to a request compared with the in-process
   * answer to the same request.
   */
  public record Bodies(
      int batch, int requestBytes, int responseBytes, double maxImageDiff, boolean pngEqual) {
    boolean identical() {
      return maxImageDiff == 0 && pngEqual;
    }
  }

  public Optional<Row> row(Backend backend, int batch) {
    return rows.stream().filter(r -> r.backend() == backend && r.batch() == batch).findFirst();
  }

  /** REST p50 over in-process p50 at a batch size (above 1: REST is slower). */
  public double p50Ratio(int batch) {
    return row(Backend.REST, batch).orElseThrow().latencies().p50Millis()
        / row(Backend.IN_PROCESS, batch).orElseThrow().latencies().p50Millis();
  }

  /** REST images/s over in-process images/s at a batch size (below 1: REST is slower). */
  public double throughputRatio(int batch) {
    return row(Backend.REST, batch).orElseThrow().imagesPerSecond()
        / row(Backend.IN_PROCESS, batch).orElseThrow().imagesPerSecond();
  }

  /** REST CPU time per request over in-process CPU time per request at a batch size. */
  public double cpuRatio(int batch) {
    return row(Backend.REST, batch).orElseThrow().cpuMillisPerRequest()
        / row(Backend.IN_PROCESS, batch).orElseThrow().cpuMillisPerRequest();
  }

  public String format() {
    StringBuilder s = new StringBuilder();
    line(s, "model       %s", model);
    line(
        s,
        "requests    %d timed per row after %d warm-up; %d in flight at once; TensorFlow threads:"
            + " %s",
        options.requests(),
        options.warmup(),
        options.concurrency(),
        options.threads() == 0 ? "default" : Integer.toString(options.threads()));
    line(s, "");
    line(
        s,
        "%-10s %5s %9s %9s %9s %10s %9s",
        "backend",
        "batch",
        "p50 ms",
        "p99 ms",
        "mean ms",
        "images/s",
        "cpu ms");
    for (Row r : rows) {
      line(
          s,
          "%-10s %5d %9.2f %9.2f %9.2f %10.1f %9.2f",
          r.backend().label(),
          r.batch(),
          r.latencies().p50Millis(),
          r.latencies().p99Millis(),
          r.latencies().meanMillis(),
          r.imagesPerSecond(),
          r.cpuMillisPerRequest());
    }
    line(s, "(cpu ms: CPU time of the whole process per request, every thread)");
    line(s, "");
    line(s, "REST / in-process   %9s %15s %9s", "p50", "images/s", "cpu");
    line(
        s,
        "(n/a: the in-process figure was below the timer's resolution; the process CPU clock ticks"
            + " in 10 ms on Linux)");
    for (int batch : options.batches()) {
      line(
          s,
          "  batch %-11d %9s %15s %9s",
          batch,
          ratio(p50Ratio(batch)),
          ratio(throughputRatio(batch)),
          ratio(cpuRatio(batch)));
    }
    line(s, "");
    line(s, "REST bodies (columnar JSON: image as decimal numbers, png_bytes as base64)");
    for (Bodies b : bodies) {
      line(
          s,
          "  batch %-11d request %,d B, response %,d B (%,.0f B per image)",
          b.batch(),
          b.requestBytes(),
          b.responseBytes(),
          (double) b.responseBytes() / b.batch());
    }
    for (Bodies b : bodies) {
      line(
          s,
          "check       batch %d: REST and in-process answers to the same request %s",
          b.batch(),
          b.identical()
              ? "are identical"
              : String.format(
                  Locale.ROOT,
                  "differ (image max |diff| %.3g, png %s)",
                  b.maxImageDiff(),
                  b.pngEqual() ? "equal" : "different"));
    }
    line(
        s,
        "load        1-min load average %s at the start, %s at the end, on %d cores",
        load(loadBefore),
        load(loadAfter),
        cores);
    line(s, "machine     %s", machine);
    return s.toString();
  }

  private static String load(double x) {
    return x < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", x);
  }

  private static void line(StringBuilder s, String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }

  /** A ratio as {@code 1.63x}, or {@code n/a} when its denominator measured zero. */
  private static String ratio(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2fx", x) : "n/a";
  }
}
