package t2i.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.serving.ServingException;
import t2i.serving.Text2ImageContract;
import t2i.serving.bench.ServeBenchmark;
import t2i.serving.bench.ServeBenchmarkResult;
import t2i.training.bench.Machine;

/** {@code t2i bench serve}: predict latency and throughput in process and over REST. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the text2image model's predict call (texts and distinct seeds in, images and PNGs"
          + " out) in this process and through t2i serve's REST server on 127.0.0.1 with the"
          + " REST client, in one run over the same loaded model: p50/p99/mean latency,"
          + " images/s and the process's CPU time per request for each batch size, the"
          + " REST/in-process ratios, and the REST body sizes. Progress goes to stderr, the"
          + " figures to stdout."
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
      description = "Timed requests per backend and batch size (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int requests;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "Untimed requests before them, per backend and batch size, so that the JIT has"
              + " compiled the REST path (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeInt.class)
  int warmup;

  @Option(
      names = "--batches",
      paramLabel = "B",
      split = ",",
      defaultValue = "1,16",
      description = "Images per request, comma-separated (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  List<Integer> batches;

  @Option(
      names = "--concurrency",
      paramLabel = "C",
      defaultValue = "1",
      description =
          "Requests in flight at once (default: ${DEFAULT-VALUE}: one client, so that latencies"
              + " compare; more measures throughput under load).",
      converter = OptionValues.PositiveInt.class)
  int concurrency;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "0",
      description = "TensorFlow threads (default: TensorFlow's own, as t2i serve runs).",
      converter = OptionValues.NonNegativeInt.class)
  int threads;

  @Override
  public Integer call() throws IOException {
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
    ServeBenchmark benchmark =
        new ServeBenchmark(
            model,
            new ServeBenchmark.Options(requests, warmup, batches, concurrency, threads),
            Machine.describe());
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
}
