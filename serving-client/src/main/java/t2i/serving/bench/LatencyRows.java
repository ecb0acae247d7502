package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageContract;
import t2i.serving.bench.ServeBenchmarkResult.Agreement;
import t2i.serving.bench.ServeBenchmarkResult.LatencyRow;
import t2i.serving.local.LoadedModel;

/**
 * One request at a time, so that latencies compare: for each batch size and signature, a probe
 * request on every backend (do the answers agree, how large are the messages), then the same
 * warm-up requests on every backend, then the same timed requests on every backend.
 */
final class LatencyRows {
  private final ModelSpec spec;
  private final LoadedModel model;
  private final int requests;
  private final int warmup;
  private final List<Integer> batches;
  private final List<Text2ImageSignature> signatures;
  private final Consumer<String> progress;
  private final List<LatencyRow> rows = new ArrayList<>();
  private final List<MessageSizes> sizes = new ArrayList<>();
  private final List<Agreement> checks = new ArrayList<>();
  private long nextSeed;

  LatencyRows(
      ModelSpec spec,
      LoadedModel model,
      int requests,
      int warmup,
      List<Integer> batches,
      List<Text2ImageSignature> signatures,
      Consumer<String> progress) {
    this.spec = spec;
    this.model = model;
    this.requests = requests;
    this.warmup = warmup;
    this.batches = batches;
    this.signatures = signatures;
    this.progress = progress;
  }

  void run(Backends backends) {
    for (int batch : batches) {
      for (Text2ImageSignature signature : signatures) {
        compare(backends, signature, batch, nextRequests(1, batch).get(0));
        List<Map<String, TensorValue>> warm = nextRequests(warmup, batch);
        List<Map<String, TensorValue>> timed = nextRequests(requests, batch);
        if (!warm.isEmpty()) {
          for (Backend backend : Backend.values()) {
            time(
                backends.client(backend),
                signature,
                warm,
                what(backend, signature, batch) + "warm-up");
          }
        }
        for (Backend backend : Backend.values()) {
          CallTimer.Timing t =
              time(
                  backends.client(backend),
                  signature,
                  timed,
                  what(backend, signature, batch) + "timed");
          rows.add(
              new LatencyRow(
                  backend,
                  signature,
                  batch,
                  Latencies.ofNanos(t.nanos()),
                  (double) batch * t.calls() / t.wallSeconds(),
                  t.processCpuNanos() < 0 ? Double.NaN : t.processCpuNanos() / 1e6 / t.calls()));
        }
      }
    }
  }

  List<LatencyRow> rows() {
    return rows;
  }

  List<MessageSizes> sizes() {
    return sizes;
  }

  List<Agreement> checks() {
    return checks;
  }

  private List<Map<String, TensorValue>> nextRequests(int n, int batch) {
    List<Map<String, TensorValue>> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++, nextSeed += batch) {
      list.add(ServeBenchmark.request(batch, nextSeed));
    }
    return list;
  }

  /** One request on every backend: the message sizes, and whether the answers agree. */
  private void compare(
      Backends backends,
      Text2ImageSignature signature,
      int batch,
      Map<String, TensorValue> inputs) {
    Map<String, TensorValue> reference =
        predict(backends.client(Backend.IN_PROCESS), signature, inputs);
    sizes.add(MessageSizes.of(signature, batch, model.name(), model.version(), inputs, reference));
    for (Backend backend : List.of(Backend.REST, Backend.GRPC)) {
      Map<String, TensorValue> answer = predict(backends.client(backend), signature, inputs);
      checks.add(
          new Agreement(
              backend,
              signature,
              batch,
              signature == Text2ImageSignature.FULL
                  ? maxDiff(
                      reference.get(Text2ImageContract.IMAGE).floats(),
                      answer.get(Text2ImageContract.IMAGE).floats())
                  : 0,
              reference.get(Text2ImageContract.PNG).equals(answer.get(Text2ImageContract.PNG))));
    }
  }

  private static double maxDiff(float[] x, float[] y) {
    checkArgument(x.length == y.length, "image sizes differ: %s vs %s", x.length, y.length);
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs((double) x[i] - y[i]));
    }
    return max;
  }

  private CallTimer.Timing time(
      PredictClient client,
      Text2ImageSignature signature,
      List<Map<String, TensorValue>> list,
      String what) {
    CallTimer.Timing t =
        CallTimer.sequential(list.size(), i -> predict(client, signature, list.get(i)));
    progress.accept(
        String.format(
            Locale.ROOT, "  %s, %d requests in %.1f s", what, list.size(), t.wallSeconds()));
    return t;
  }

  private static String what(Backend backend, Text2ImageSignature signature, int batch) {
    return backend.label() + " " + signature.label() + " batch " + batch + ": ";
  }

  private Map<String, TensorValue> predict(
      PredictClient client, Text2ImageSignature signature, Map<String, TensorValue> inputs) {
    Map<String, TensorValue> out = client.predict(spec, signature.key(), inputs);
    signature.checkAnswer(spec, out, inputs.get(Text2ImageContract.SEED).dim(0));
    return out;
  }
}
