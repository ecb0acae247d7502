package t2i.serving.bench;

import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one {@link ServeBenchmark} run.
 *
 * @param model the model version that answered
 * @param workers the servers' workers (model runs at once), and batch threads with batching
 * @param rows one request at a time: one per batch size, signature and backend, in the order they
 *     ran
 * @param sizes the bytes on each transport, one per batch size and signature
 * @param checks how the REST and gRPC answers compared with the in-process answer to the same
 *     request, per batch size and signature
 * @param clientSignature the signature of the concurrent clients' requests
 * @param clientRows concurrent clients: one per batching setting, client count and backend; empty
 *     when they were not run
 * @param notes what was skipped or replaced, and why
 * @param loadBefore the system's 1-minute load average when the run began (-1: unknown)
 * @param loadAfter the same when it ended
 */
public record ServeBenchmarkResult(
    String model,
    ServeBenchmark.Options options,
    int workers,
    List<LatencyRow> rows,
    List<MessageSizes> sizes,
    List<Agreement> checks,
    Text2ImageSignature clientSignature,
    List<ClientRow> clientRows,
    List<String> notes,
    double loadBefore,
    double loadAfter,
    int cores,
    String machine) {
  public ServeBenchmarkResult {
    rows = List.copyOf(rows);
    sizes = List.copyOf(sizes);
    checks = List.copyOf(checks);
    clientRows = List.copyOf(clientRows);
    notes = List.copyOf(notes);
  }

  /**
   * One backend, signature and batch size, one request at a time.
   *
   * @param cpuMillisPerRequest CPU time of the whole process per request (NaN: unknown): less
   *     disturbed than the latencies by other processes competing for the cores
   */
  public record LatencyRow(
      Backend backend,
      Text2ImageSignature signature,
      int batch,
      Latencies latencies,
      double imagesPerSecond,
      double cpuMillisPerRequest) {}

  /**
   * Concurrent clients sending single-image requests to one backend.
   *
   * @param batching whether the server (or, in process, the batch scheduler) joined requests
   * @param latencies of every request answered; their count is the number of requests
   * @param runsPerRequest the model's session runs over the requests answered: 1 without batching,
   *     less when batching joined requests
   */
  public record ClientRow(
      Backend backend,
      boolean batching,
      int clients,
      Latencies latencies,
      double imagesPerSecond,
      double runsPerRequest,
      double cpuMillisPerRequest) {
    public int requests() {
      return latencies.count();
    }
  }

  /**
   * A backend's answer to a request compared with the in-process answer to the same request.
   *
   * @param maxImageDiff the largest difference between the float images (0 for {@code png}, which
   *     has none)
   */
  public record Agreement(
      Backend backend,
      Text2ImageSignature signature,
      int batch,
      double maxImageDiff,
      boolean pngEqual) {
    public boolean identical() {
      return maxImageDiff == 0 && pngEqual;
    }
  }

  public Optional<LatencyRow> row(Backend backend, Text2ImageSignature signature, int batch) {
    return rows.stream()
        .filter(r -> r.backend() == backend && r.signature() == signature && r.batch() == batch)
        .findFirst();
  }

  public Optional<ClientRow> clientRow(Backend backend, boolean batching, int clients) {
    return clientRows.stream()
        .filter(r -> r.backend() == backend && r.batching() == batching && r.clients() == clients)
        .findFirst();
  }

  /**
   * A backend's p50 over in-process p50, same signature and batch (above 1: slower); NaN if not
   * run.
   */
  public double p50Ratio(Backend backend, Text2ImageSignature signature, int batch) {
    return ratio(backend, signature, batch, r -> r.latencies().p50Millis());
  }

  /** A backend's images/s over in-process images/s (below 1: slower); NaN if not run. */
  public double throughputRatio(Backend backend, Text2ImageSignature signature, int batch) {
    return ratio(backend, signature, batch, LatencyRow::imagesPerSecond);
  }

  /** A backend's CPU time per request over in-process CPU time per request; NaN if not run. */
  public double cpuRatio(Backend backend, Text2ImageSignature signature, int batch) {
    return ratio(backend, signature, batch, LatencyRow::cpuMillisPerRequest);
  }

  /**
   * Images/s with batching over images/s without, for a backend and client count (above 1: batching
   * helped); NaN if not run.
   */
  public double batchingRatio(Backend backend, int clients) {
    Optional<ClientRow> on = clientRow(backend, true, clients);
    Optional<ClientRow> off = clientRow(backend, false, clients);
    return on.isPresent() && off.isPresent()
        ? on.get().imagesPerSecond() / off.get().imagesPerSecond()
        : Double.NaN;
  }

  public String format() {
    return ServeBenchmarkReport.format(this);
  }

  private double ratio(
      Backend backend,
      Text2ImageSignature signature,
      int batch,
      ToDoubleFunction<LatencyRow> figure) {
    Optional<LatencyRow> a = row(backend, signature, batch);
    Optional<LatencyRow> b = row(Backend.IN_PROCESS, signature, batch);
    return a.isPresent() && b.isPresent()
        ? figure.applyAsDouble(a.get()) / figure.applyAsDouble(b.get())
        : Double.NaN;
  }
}
