package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageContract;
import t2i.serving.bench.ServeBenchmarkResult.Backend;
import t2i.serving.bench.ServeBenchmarkResult.Bodies;
import t2i.serving.bench.ServeBenchmarkResult.Row;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.PredictRequestJson;
import t2i.serving.rest.PredictResponseJson;
import t2i.serving.rest.RequestFormat;
import t2i.serving.rest.RestClient;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;

/**
 * Times the {@link Text2ImageContract} predict call in process and through {@link ModelServer} with
 * {@link RestClient}, in one process over the same loaded model: for each batch size, the same
 * requests (texts and distinct seeds) on both backends, back to back, after a warm-up on each.
 */
public final class ServeBenchmark {
  /**
   * What to run.
   *
   * @param requests timed requests per backend and batch size
   * @param warmup untimed requests before them, per backend and batch size
   * @param batches images per request, one row per backend for each
   * @param concurrency requests in flight at once (1: one client, latencies comparable)
   * @param threads TensorFlow intra-op threads of the model's session; 0 for TensorFlow's default
   */
  public record Options(
      int requests, int warmup, List<Integer> batches, int concurrency, int threads) {
    public Options {
      checkArgument(requests >= 1, "requests must be >= 1, was %s", requests);
      checkArgument(warmup >= 0, "warmup must be >= 0, was %s", warmup);
      checkArgument(!batches.isEmpty(), "at least one batch size");
      for (int b : batches) {
        checkArgument(b >= 1, "batch sizes must be >= 1, were %s", batches);
      }
      checkArgument(concurrency >= 1, "concurrency must be >= 1, was %s", concurrency);
      checkArgument(threads >= 0, "threads must be >= 0 (0 for the default), was %s", threads);
      batches = List.copyOf(batches);
    }
  }

  /** Texts of the requests, taken in turn. */
  static final List<String> TEXTS =
      List.of(
          "a red heart",
          "a smiling face with sunglasses",
          "a yellow star",
          "a green tree",
          "a blue whale",
          "a cat face with tears of joy",
          "a slice of pizza",
          "a rocket");

  private static final RequestFormat FORMAT = RequestFormat.COLUMNAR;

  private final Path modelsDir;
  private final Options options;
  private final String machine;

  /**
   * @param modelsDir an export folder holding {@code text2image/<version>/}
   * @param machine where it runs, printed with the figures
   */
  public ServeBenchmark(Path modelsDir, Options options, String machine) {
    this.modelsDir = modelsDir;
    this.options = options;
    this.machine = machine;
  }

  /** Runs every row; progress lines go to {@code progress}. */
  public ServeBenchmarkResult run(Consumer<String> progress) throws IOException {
    double loadBefore = loadAverage();
    ModelSpec spec = ModelSpec.latest(Text2ImageContract.MODEL);
    ServerOptions serverOptions =
        ServerOptions.defaults()
            .withPort(0)
            .withWorkers(Math.max(ServerOptions.defaults().workers(), options.concurrency()));
    progress.accept("loading " + modelsDir.resolve(Text2ImageContract.MODEL));
    try (ModelRepository models =
            ModelRepository.load(modelsDir, Text2ImageContract.MODEL::equals, options.threads());
        ModelServer server = ModelServer.start(models, serverOptions);
        RestClient rest = RestClient.builder(server.baseUri()).format(FORMAT).build()) {
      LoadedModel model = models.find(spec);
      PredictClient local = InProcessClient.over(models);
      List<Row> rows = new ArrayList<>();
      List<Bodies> bodies = new ArrayList<>();
      long seed = 0;
      for (int batch : options.batches()) {
        Map<String, TensorValue> probe = request(batch, seed);
        seed += batch;
        bodies.add(compare(local, rest, spec, batch, probe));
        List<Map<String, TensorValue>> warm = new ArrayList<>();
        for (int i = 0; i < options.warmup(); i++, seed += batch) {
          warm.add(request(batch, seed));
        }
        List<Map<String, TensorValue>> timed = new ArrayList<>();
        for (int i = 0; i < options.requests(); i++, seed += batch) {
          timed.add(request(batch, seed));
        }
        warmUp(local, spec, warm, Backend.IN_PROCESS, batch, progress);
        warmUp(rest, spec, warm, Backend.REST, batch, progress);
        rows.add(measure(local, spec, timed, Backend.IN_PROCESS, batch, progress));
        rows.add(measure(rest, spec, timed, Backend.REST, batch, progress));
      }
      return new ServeBenchmarkResult(
          model.toString(),
          options,
          rows,
          bodies,
          loadBefore,
          loadAverage(),
          Runtime.getRuntime().availableProcessors(),
          machine);
    }
  }

  /** Request {@code batch} images, seeds {@code firstSeed, firstSeed + 1, ...}. */
  static Map<String, TensorValue> request(int batch, long firstSeed) {
    List<String> texts = new ArrayList<>(batch);
    long[] seeds = new long[batch];
    for (int i = 0; i < batch; i++) {
      seeds[i] = firstSeed + i;
      texts.add(TEXTS.get((int) Math.floorMod(seeds[i], (long) TEXTS.size())));
    }
    return Map.of(
        Text2ImageContract.TEXT, TensorValue.ofStrings(texts, batch),
        Text2ImageContract.SEED, TensorValue.ofLongs(seeds, batch));
  }

  /**
   * One request on both backends: whether the answers agree, and the sizes of the REST bodies (the
   * same encoders {@link RestClient} and {@link ModelServer} use, on the same tensors).
   */
  private static Bodies compare(
      PredictClient local,
      PredictClient rest,
      ModelSpec spec,
      int batch,
      Map<String, TensorValue> inputs) {
    Map<String, TensorValue> a = predict(local, spec, inputs);
    Map<String, TensorValue> b = predict(rest, spec, inputs);
    float[] x = a.get(Text2ImageContract.IMAGE).floats();
    float[] y = b.get(Text2ImageContract.IMAGE).floats();
    checkArgument(x.length == y.length, "image sizes differ: %s vs %s", x.length, y.length);
    double maxDiff = 0;
    for (int i = 0; i < x.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs((double) x[i] - y[i]));
    }
    boolean pngEqual = a.get(Text2ImageContract.PNG).equals(b.get(Text2ImageContract.PNG));
    int requestBytes =
        PredictRequestJson.encode(Text2ImageContract.SERVING_DEFAULT, inputs, FORMAT, false).length;
    int responseBytes = PredictResponseJson.encode(a, FORMAT).length;
    return new Bodies(batch, requestBytes, responseBytes, maxDiff, pngEqual);
  }

  private void warmUp(
      PredictClient client,
      ModelSpec spec,
      List<Map<String, TensorValue>> requests,
      Backend backend,
      int batch,
      Consumer<String> progress) {
    if (!requests.isEmpty()) {
      time(client, spec, requests, backend.label() + " batch " + batch + ": warm-up", progress);
    }
  }

  private Row measure(
      PredictClient client,
      ModelSpec spec,
      List<Map<String, TensorValue>> requests,
      Backend backend,
      int batch,
      Consumer<String> progress) {
    CallTimer.Timing t =
        time(client, spec, requests, backend.label() + " batch " + batch + ": timed", progress);
    return new Row(
        backend,
        batch,
        Latencies.ofNanos(t.nanos()),
        (double) batch * requests.size() / t.wallSeconds(),
        t.processCpuNanos() < 0 ? Double.NaN : t.processCpuNanos() / 1e6 / requests.size());
  }

  private CallTimer.Timing time(
      PredictClient client,
      ModelSpec spec,
      List<Map<String, TensorValue>> requests,
      String what,
      Consumer<String> progress) {
    CallTimer.Timing t =
        CallTimer.time(
            requests.size(), options.concurrency(), i -> predict(client, spec, requests.get(i)));
    progress.accept(
        String.format(
            Locale.ROOT, "  %s, %d requests in %.1f s", what, requests.size(), t.wallSeconds()));
    return t;
  }

  private static Map<String, TensorValue> predict(
      PredictClient client, ModelSpec spec, Map<String, TensorValue> inputs) {
    Map<String, TensorValue> out = client.predict(spec, Text2ImageContract.SERVING_DEFAULT, inputs);
    long n = inputs.get(Text2ImageContract.SEED).dim(0);
    TensorValue image = out.get(Text2ImageContract.IMAGE);
    if (image == null || image.rank() != 4 || image.dim(0) != n) {
      throw new IllegalStateException(
          spec.describe()
              + " answered "
              + out
              + " for "
              + n
              + " texts; expected image [N,H,W,"
              + Text2ImageContract.CHANNELS
              + "]");
    }
    return out;
  }

  /** The system's 1-minute load average, or -1 where the platform does not tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
