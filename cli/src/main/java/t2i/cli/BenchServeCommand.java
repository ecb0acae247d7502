package t2i.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.serving.ServingException;
import t2i.serving.Text2ImageContract;
import t2i.serving.bench.ServeBenchmark;
import t2i.serving.bench.ServeBenchmarkResult;
import t2i.serving.bench.Text2ImageSignature;
import t2i.serving.server.BatchingOptions;
import t2i.training.bench.Machine;

/**
 * {@code t2i bench serve}: predict latency and throughput in process, over REST and over gRPC, one
 * request at a time and with concurrent clients.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the text2image model's predict calls (texts and distinct seeds in) in this process,"
          + " through t2i serve's REST server and through its gRPC server on 127.0.0.1 with the"
          + " project's clients, in one run over the same loaded model, with the servers' default"
          + " workers (one per core, at least 2). Two signatures: full (serving_default: the"
          + " float image and the PNGs) and png (the PNGs alone; skipped with a note on exports"
          + " without it).",
      "First one request at a time: p50/p99/mean latency, images/s and the process's CPU time per"
          + " request for each backend, signature and batch size; the REST/in-process and"
          + " gRPC/in-process ratios; the REST and gRPC message sizes.",
      "Then concurrent clients, each sending single-image requests back to back, for each client"
          + " count and backend, with the servers' batching off and then on: images/s, p50/p99"
          + " latency, and the model's session runs per request (below 1: requests were joined);"
          + " and the batching on/off throughput ratios. These rows take 2 x 3 x (client counts)"
          + " x (warm-up + seconds): 3.3 minutes by default; --client-seconds 0 skips them.",
      "Progress goes to stderr, the figures (markdown tables) to stdout."
    })
final class BenchServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "An export folder holding text2image/<version>/ (t2i export --out).")
  Path model;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "200",
      description =
          "Timed requests, one at a time, per backend, signature and batch size (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int requests;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "Untimed requests before them, per backend, signature and batch size, so that the JIT"
              + " has compiled the REST and gRPC paths (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeInt.class)
  int warmup;

  @Option(
      names = "--batches",
      paramLabel = "B",
      split = ",",
      defaultValue = "1,16",
      description =
          "Images per request one at a time, comma-separated (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  List<Integer> batches;

  @Option(
      names = "--signatures",
      paramLabel = "S",
      split = ",",
      defaultValue = "full,png",
      description =
          "Signatures timed one request at a time, comma-separated: full, png (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.BenchSignature.class)
  List<Text2ImageSignature> signatures;

  @Option(
      names = "--clients",
      paramLabel = "N",
      split = ",",
      defaultValue = "1,4,16",
      description =
          "Concurrent client threads, comma-separated, a row per backend and batching setting for"
              + " each (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  List<Integer> clients;

  @Option(
      names = "--client-seconds",
      paramLabel = "S",
      defaultValue = "10",
      description =
          "How long the clients of each concurrent row send requests; 0 skips those rows"
              + " (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeDouble.class)
  double clientSeconds;

  @Option(
      names = "--client-warmup-seconds",
      paramLabel = "S",
      defaultValue = "1",
      description =
          "Untimed requests from the same clients before each concurrent row, for as long"
              + " (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeDouble.class)
  double clientWarmupSeconds;

  @Option(
      names = "--client-signature",
      paramLabel = "S",
      defaultValue = "png",
      description =
          "The signature the concurrent clients call: full or png (default: ${DEFAULT-VALUE};"
              + " full on exports without png).",
      converter = OptionValues.BenchSignature.class)
  Text2ImageSignature clientSignature;

  @Option(
      names = "--max-batch-size",
      paramLabel = "N",
      defaultValue = "16",
      description =
          "With batching on: images in one model run, as t2i serve --max-batch-size (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int maxBatchSize;

  @Option(
      names = "--batch-timeout-ms",
      paramLabel = "MS",
      defaultValue = "2",
      description =
          "With batching on: how long a request waits for others to join its batch, as t2i"
              + " serve --batch-timeout-ms (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeInt.class)
  int batchTimeoutMs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "TensorFlow threads (default: TensorFlow's own, as t2i serve runs).",
      converter = OptionValues.NonNegativeInt.class)
  int threads;

  /** Replaced by the concurrent-clients rows; kept to say so. */
  @Option(names = "--concurrency", hidden = true, paramLabel = "C")
  String concurrency;

  @Override
  public Integer call() throws IOException {
    if (concurrency != null) {
      throw new ParameterException(
          spec.commandLine(),
          "--concurrency was replaced by --clients (concurrent single-image clients, with batching"
              + " off and on); the rows with --batches run one request at a time");
    }
    if (!Files.isDirectory(model.resolve(Text2ImageContract.MODEL))) {
      throw new UserException(
          "no "
              + Text2ImageContract.MODEL
              + " model in "
              + model
              + ": expected "
              + model.resolve(Text2ImageContract.MODEL).resolve("<version>/saved_model.pb")
              + " (--model takes the export folder, t2i export --out)");
    }
    PrintWriter err = spec.commandLine().getErr();
    ServeBenchmark benchmark = new ServeBenchmark(model, options(), Machine.describe());
    ServeBenchmarkResult result;
    try {
      result =
          benchmark.run(
              line -> {
                err.println(line);
                err.flush();
              });
    } catch (ServingException | IllegalStateException e) {
      throw new UserException(
          Text2ImageContract.MODEL
              + " in "
              + model
              + " does not answer as the text2image contract says: "
              + e.getMessage(),
          e);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(result.format());
    out.flush();
    return 0;
  }

  ServeBenchmark.Options options() {
    if (signatures.stream().distinct().count() < signatures.size()) {
      throw new ParameterException(
          spec.commandLine(), "--signatures names a signature twice: " + signatures);
    }
    return new ServeBenchmark.Options(
        requests,
        warmup,
        batches,
        signatures,
        threads,
        new ServeBenchmark.ClientOptions(
            clients,
            seconds(clientSeconds),
            seconds(clientWarmupSeconds),
            clientSignature,
            new BatchingOptions(
                maxBatchSize,
                Duration.ofMillis(batchTimeoutMs),
                BatchingOptions.defaults().maxEnqueuedBatches())));
  }

  private static Duration seconds(double s) {
    return Duration.ofNanos(Math.round(s * 1e9));
  }
}
