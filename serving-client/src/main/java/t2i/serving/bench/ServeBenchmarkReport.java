package t2i.serving.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import t2i.serving.Text2ImageContract;
import t2i.serving.bench.ServeBenchmark.ClientOptions;
import t2i.serving.bench.ServeBenchmarkResult.Agreement;
import t2i.serving.bench.ServeBenchmarkResult.LatencyRow;
import t2i.serving.server.BatchingOptions;

/**
 * A {@link ServeBenchmarkResult} as text: a few labelled lines and markdown tables, ready to paste
 * into BENCHMARKS.md.
 */
final class ServeBenchmarkReport {
  private final ServeBenchmarkResult r;
  private final StringBuilder s = new StringBuilder();

  private ServeBenchmarkReport(ServeBenchmarkResult r) {
    this.r = r;
  }

  static String format(ServeBenchmarkResult result) {
    return new ServeBenchmarkReport(result).build();
  }

  private String build() {
    header();
    if (!r.rows().isEmpty()) {
      oneAtATime();
      ratios();
      sizes();
      checks();
    }
    if (!r.clientRows().isEmpty()) {
      clients();
      batchingRatios();
    }
    line("");
    line(
        "load        1-min load average %s at the start, %s at the end, on %d cores",
        load(r.loadBefore()), load(r.loadAfter()), r.cores());
    line("machine     %s", r.machine());
    return s.toString();
  }

  private void header() {
    line("model       %s", r.model());
    line(
        "signatures  full = %s (image float [N,H,W,3] and png_bytes); png = %s (png_bytes alone)",
        Text2ImageContract.SERVING_DEFAULT, Text2ImageContract.PNG_SIGNATURE);
    line(
        "servers     REST and gRPC on 127.0.0.1, %d workers each (the default: one per core, at"
            + " least 2); TensorFlow threads: %s",
        r.workers(),
        r.options().threads() == 0 ? "default" : Integer.toString(r.options().threads()));
    for (String note : r.notes()) {
      line("note        %s", note);
    }
  }

  private void oneAtATime() {
    line("");
    line(
        "One client, one request at a time: %d timed requests per row after %d warm-up",
        r.options().requests(), r.options().warmup());
    line("");
    MarkdownTable t =
        new MarkdownTable(
            List.of(
                "backend",
                "signature",
                "batch",
                "p50 ms",
                "p99 ms",
                "mean ms",
                "images/s",
                "cpu ms"),
            2);
    for (LatencyRow row : r.rows()) {
      t.row(
          row.backend().label(),
          row.signature().label(),
          Integer.toString(row.batch()),
          fixed(2, row.latencies().p50Millis()),
          fixed(2, row.latencies().p99Millis()),
          fixed(2, row.latencies().meanMillis()),
          fixed(1, row.imagesPerSecond()),
          fixed(2, row.cpuMillisPerRequest()));
    }
    s.append(t.render());
    line("(cpu ms: CPU time of the whole process per request, every thread: client, server, TF)");
  }

  private void ratios() {
    line("");
    line("Against in-process, same signature and batch (p50 above 1x: slower)");
    line("");
    MarkdownTable t =
        new MarkdownTable(List.of("ratio", "signature", "batch", "p50", "images/s", "cpu"), 2);
    for (int batch : r.options().batches()) {
      for (Text2ImageSignature signature : Text2ImageSignature.values()) {
        for (Backend backend : List.of(Backend.REST, Backend.GRPC)) {
          if (r.row(backend, signature, batch).isPresent()) {
            t.row(
                backend.label() + " / in-process",
                signature.label(),
                Integer.toString(batch),
                ratio(r.p50Ratio(backend, signature, batch)),
                ratio(r.throughputRatio(backend, signature, batch)),
                ratio(r.cpuRatio(backend, signature, batch)));
          }
        }
      }
    }
    s.append(t.render());
    line(
        "(n/a: the in-process figure was below the timer's resolution; the process CPU clock ticks"
            + " in 10 ms on Linux)");
  }

  private void sizes() {
    line("");
    line(
        "Bytes per request (REST: columnar JSON, image as decimal numbers, png_bytes as base64;"
            + " gRPC: protobuf)");
    line("");
    MarkdownTable t =
        new MarkdownTable(
            List.of(
                "signature",
                "batch",
                "REST request",
                "REST response",
                "gRPC request",
                "gRPC response",
                "REST response per image"),
            1);
    for (MessageSizes m : r.sizes()) {
      t.row(
          m.signature().label(),
          Integer.toString(m.batch()),
          bytes(m.restRequestBytes()),
          bytes(m.restResponseBytes()),
          bytes(m.grpcRequestBytes()),
          bytes(m.grpcResponseBytes()),
          bytes((double) m.restResponseBytes() / m.batch()));
    }
    s.append(t.render());
  }

  private void checks() {
    line("");
    if (r.checks().stream().allMatch(Agreement::identical)) {
      line(
          "check       REST and gRPC answers to the same request are identical to in-process, for"
              + " every signature and batch");
      return;
    }
    for (Agreement a : r.checks()) {
      line(
          "check       %s %s batch %d: %s",
          a.backend().label(),
          a.signature().label(),
          a.batch(),
          a.identical()
              ? "identical to in-process"
              : String.format(
                  Locale.ROOT,
                  "differs from in-process (image max |diff| %.3g, png %s)",
                  a.maxImageDiff(),
                  a.pngEqual() ? "equal" : "different"));
    }
  }

  private void clients() {
    ClientOptions c = r.options().clients();
    BatchingOptions b = c.batching();
    line("");
    line(
        "Concurrent clients: each sends single-image requests (batch 1, signature %s) back to back"
            + " for %s s per row, after %s s of warm-up",
        r.clientSignature().label(),
        plain(c.duration().toMillis() / 1e3),
        plain(c.warmup().toMillis() / 1e3));
    line(
        "batching    on: up to %d images per model run, the first waiting up to %s ms for the"
            + " others, on %d batch threads (in-process: the same scheduler, no transport)",
        b.maxBatchSize(), plain(b.batchTimeout().toNanos() / 1e6), r.workers());
    line(
        "            off: every request its own model run (in-process: called from the clients'"
            + " threads, as many at once as there are clients; servers: %d workers)",
        r.workers());
    line("");
    MarkdownTable t =
        new MarkdownTable(
            List.of(
                "backend",
                "batching",
                "clients",
                "requests",
                "images/s",
                "p50 ms",
                "p99 ms",
                "runs/request",
                "cpu ms"),
            2);
    for (int clients : c.counts()) {
      for (boolean batching : new boolean[] {false, true}) {
        for (Backend backend : Backend.values()) {
          r.clientRow(backend, batching, clients)
              .ifPresent(
                  row ->
                      t.row(
                          row.backend().label(),
                          row.batching() ? "on" : "off",
                          Integer.toString(row.clients()),
                          Integer.toString(row.requests()),
                          fixed(1, row.imagesPerSecond()),
                          fixed(2, row.latencies().p50Millis()),
                          fixed(2, row.latencies().p99Millis()),
                          fixed(2, row.runsPerRequest()),
                          fixed(2, row.cpuMillisPerRequest())));
        }
      }
    }
    s.append(t.render());
    line(
        "(runs/request: the model's session runs over the requests answered; below 1: batching"
            + " joined requests)");
  }

  private void batchingRatios() {
    line("");
    line("Batching on / off, images/s (above 1x: batching helped)");
    line("");
    List<Integer> counts = r.options().clients().counts();
    List<String> header = new ArrayList<>();
    header.add("backend");
    counts.forEach(n -> header.add(n + (n == 1 ? " client" : " clients")));
    MarkdownTable t = new MarkdownTable(header, 1);
    for (Backend backend : Backend.values()) {
      List<String> cells = new ArrayList<>();
      cells.add(backend.label());
      counts.forEach(n -> cells.add(ratio(r.batchingRatio(backend, n))));
      t.row(cells.toArray(String[]::new));
    }
    s.append(t.render());
  }

  private void line(String format, Object... args) {
    s.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }

  private static String fixed(int decimals, double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%." + decimals + "f", x) : "n/a";
  }

  private static String bytes(double n) {
    return String.format(Locale.ROOT, "%,.0f B", n);
  }

  /** A number without trailing zeros: 10, 0.5. */
  private static String plain(double x) {
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }

  private static String load(double x) {
    return x < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", x);
  }

  /** A ratio as {@code 1.63x}, or {@code n/a} when its denominator measured zero or is missing. */
  private static String ratio(double x) {
    return Double.isFinite(x) ? String.format(Locale.ROOT, "%.2fx", x) : "n/a";
  }
}
