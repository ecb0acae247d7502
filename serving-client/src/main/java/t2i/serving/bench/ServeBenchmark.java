package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import t2i.serving.ModelSpec;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageContract;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.BatchingOptions;
import t2i.serving.server.ServerOptions;

/**
 * Times the {@link Text2ImageContract} predict calls in process, through the REST server and
 * through the gRPC server ({@link Backend}), in one process over the same loaded model. First one
 * request at a time ({@link LatencyRows}): for each batch size and signature, the same requests
 * (texts and distinct seeds) on every backend, back to back, after a warm-up on each. Then
 * concurrent clients sending single-image requests ({@link ClientRows}), with the servers' batching
 * off and then on.
 */
public final class ServeBenchmark {
  /**
   * The concurrent-clients rows.
   *
   * @param counts client threads per row, one row per backend and batching setting for each
   * @param duration how long each row's clients send requests; zero skips these rows
   * @param warmup how long the same clients send untimed requests before each row
   * @param signature the signature of their requests
   * @param batching the servers' batching in the rows with batching on
   */
  public record ClientOptions(
      List<Integer> counts,
      Duration duration,
      Duration warmup,
      Text2ImageSignature signature,
      BatchingOptions batching) {
    public ClientOptions {
      checkArgument(!counts.isEmpty(), "at least one client count");
      for (int c : counts) {
        checkArgument(c >= 1, "client counts must be >= 1, were %s", counts);
      }
      checkArgument(!duration.isNegative(), "the duration must be >= 0, was %s", duration);
      checkArgument(!warmup.isNegative(), "the warm-up must be >= 0, was %s", warmup);
      checkArgument(signature != null, "a signature");
      checkArgument(batching != null, "batching options for the rows with batching on");
      counts = List.copyOf(counts);
    }

    /** 1, 4 and 16 clients of the png signature, 10 s per row after 1 s of warm-up. */
    public static ClientOptions defaults() {
      return new ClientOptions(
          List.of(1, 4, 16),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Text2ImageSignature.PNG,
          BatchingOptions.defaults());
    }

    public boolean enabled() {
      return !duration.isZero();
    }
  }

  /**
   * What to run.
   *
   * @param requests timed requests per backend, signature and batch size, one at a time
   * @param warmup untimed requests before them, per backend, signature and batch size
   * @param batches images per request, one row per backend and signature for each
   * @param signatures the signatures timed one request at a time
   * @param threads TensorFlow intra-op threads of the model's session; 0 for TensorFlow's default
   * @param clients the concurrent-clients rows
   */
  public record Options(
      int requests,
      int warmup,
      List<Integer> batches,
      List<Text2ImageSignature> signatures,
      int threads,
      ClientOptions clients) {
    public Options {
      checkArgument(requests >= 1, "requests must be >= 1, was %s", requests);
      checkArgument(warmup >= 0, "warmup must be >= 0, was %s", warmup);
      checkArgument(!batches.isEmpty(), "at least one batch size");
      for (int b : batches) {
        checkArgument(b >= 1, "batch sizes must be >= 1, were %s", batches);
      }
      checkArgument(!signatures.isEmpty(), "at least one signature");
      checkArgument(
          new HashSet<>(signatures).size() == signatures.size(),
          "signatures repeated: %s",
          signatures);
      checkArgument(threads >= 0, "threads must be >= 0 (0 for the default), was %s", threads);
      checkArgument(clients != null, "client options");
      batches = List.copyOf(batches);
      signatures = List.copyOf(signatures);
    }

    /** 200 requests after 50 warm-up at batch sizes 1 and 16, both signatures, then clients. */
    public static Options defaults() {
      return new Options(
          200,
          50,
          List.of(1, 16),
          List.of(Text2ImageSignature.FULL, Text2ImageSignature.PNG),
          0,
          ClientOptions.defaults());
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
    // The servers' defaults (a worker per core, at least 2), as t2i serve runs.
    ServerOptions servers = ServerOptions.defaults();
    progress.accept("loading " + modelsDir.resolve(Text2ImageContract.MODEL));
    try (ModelRepository models =
        ModelRepository.load(modelsDir, Text2ImageContract.MODEL::equals, options.threads())) {
      LoadedModel model = models.find(spec);
      List<String> notes = new ArrayList<>();
      List<Text2ImageSignature> signatures = new ArrayList<>(options.signatures());
      Text2ImageSignature clientSignature = options.clients().signature();
      if (!model.metadata().signatures().containsKey(Text2ImageContract.PNG_SIGNATURE)) {
        String missing =
            "signature "
                + Text2ImageContract.PNG_SIGNATURE
                + " is not in "
                + model
                + " (exported before it existed)";
        if (signatures.remove(Text2ImageSignature.PNG)) {
          notes.add(missing + ": its rows are skipped");
        }
        if (clientSignature == Text2ImageSignature.PNG && options.clients().enabled()) {
          clientSignature = Text2ImageSignature.FULL;
          notes.add(missing + ": the concurrent clients call full instead");
        }
      }
      LatencyRows latency =
          new LatencyRows(
              spec,
              model,
              options.requests(),
              options.warmup(),
              options.batches(),
              signatures,
              progress);
      ClientRows clients =
          new ClientRows(spec, model, options.clients(), clientSignature, progress);
      try (Backends plain = Backends.start(models, servers)) {
        latency.run(plain);
        if (options.clients().enabled()) {
          clients.run(plain, false);
        }
      }
      if (options.clients().enabled()) {
        try (Backends batched =
            Backends.start(models, servers.withBatching(options.clients().batching()))) {
          clients.run(batched, true);
        }
      }
      return new ServeBenchmarkResult(
          model.toString(),
          options,
          servers.workers(),
          latency.rows(),
          latency.sizes(),
          latency.checks(),
          clientSignature,
          clients.rows(),
          notes,
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

  /** The system's 1-minute load average, or -1 where the platform does not tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
