package t2i.serving.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.bench.ServeBenchmark.ClientOptions;
import t2i.serving.bench.ServeBenchmarkResult.ClientRow;
import t2i.serving.local.LoadedModel;

/**
 * Concurrent clients for throughput: for each client count and backend, that many threads each
 * sending single-image requests back to back for a while (after an untimed warm-up of the same
 * kind), and the model's session runs counted over the timed requests, so that what batching joined
 * is measured, not assumed.
 */
final class ClientRows {
  private final ModelSpec spec;
  private final LoadedModel model;
  private final ClientOptions options;
  private final Text2ImageSignature signature;
  private final Consumer<String> progress;
  private final List<ClientRow> rows = new ArrayList<>();
  private long nextSeed;

  ClientRows(
      ModelSpec spec,
      LoadedModel model,
      ClientOptions options,
      Text2ImageSignature signature,
      Consumer<String> progress) {
    this.spec = spec;
    this.model = model;
    this.options = options;
    this.signature = signature;
    this.progress = progress;
  }

  /**
   * One row per client count and backend.
   *
   * @param batching whether {@code backends} were started with batching
   */
  void run(Backends backends, boolean batching) {
    for (int clients : options.counts()) {
      for (Backend backend : Backend.values()) {
        rows.add(measure(backends.client(backend), backend, batching, clients));
      }
    }
  }

  List<ClientRow> rows() {
    return rows;
  }

  private ClientRow measure(PredictClient client, Backend backend, boolean batching, int clients) {
    String what =
        String.format(
            Locale.ROOT,
            "  %s, batching %s, %d client%s: ",
            backend.label(),
            batching ? "on" : "off",
            clients,
            clients == 1 ? "" : "s");
    if (!options.warmup().isZero()) {
      time(client, clients, options.warmup(), what + "warm-up");
    }
    long runsBefore = model.runCount();
    CallTimer.Timing t = time(client, clients, options.duration(), what + "timed");
    long runs = model.runCount() - runsBefore;
    return new ClientRow(
        backend,
        batching,
        clients,
        Latencies.ofNanos(t.nanos()),
        t.calls() / t.wallSeconds(),
        (double) runs / t.calls(),
        t.processCpuNanos() < 0 ? Double.NaN : t.processCpuNanos() / 1e6 / t.calls());
  }

  private CallTimer.Timing time(PredictClient client, int clients, Duration duration, String what) {
    long firstSeed = nextSeed;
    IntConsumer call =
        i ->
            signature.checkAnswer(
                spec,
                client.predict(spec, signature.key(), ServeBenchmark.request(1, firstSeed + i)),
                1);
    CallTimer.Timing t = CallTimer.clients(clients, duration, call);
    nextSeed += t.calls();
    progress.accept(
        String.format(Locale.ROOT, "%s, %d requests in %.1f s", what, t.calls(), t.wallSeconds()));
    return t;
  }
}
