package t2i.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.error.UserException;
import t2i.serving.grpc.GrpcModelServer;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.BatchingOptions;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;

/** {@code t2i serve}: TF Serving's REST and gRPC APIs over an export folder, until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve every SavedModel under DIR/<model>/<version>/ over TF Serving's REST API:"
          + " GET /v1/models/<model>[/versions/<v>][/metadata],"
          + " POST /v1/models/<model>[/versions/<v>]:predict (row \"instances\" or columnar"
          + " \"inputs\"); and over its gRPC API: tensorflow.serving.PredictionService"
          + " (Predict, GetModelMetadata) and ModelService (GetModelStatus). The highest"
          + " version answers when none is named. Ctrl-C stops accepting requests, lets those"
          + " in flight finish, and exits."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--models",
      paramLabel = "DIR",
      description =
          "The export folder (t2i export --out): DIR/<model>/<version>/ (default: the pretrained"
              + " models bundled in models/).")
  Path models;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8501",
      description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.Port.class)
  int port;

  @Option(
      names = "--grpc-port",
      paramLabel = "PORT",
      defaultValue = "" + GrpcModelServer.DEFAULT_PORT,
      description =
          "Port of the gRPC API, on the same host; 0 picks a free one (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.Port.class)
  int grpcPort;

  @Option(names = "--no-grpc", description = "Serve the REST API only.")
  boolean noGrpc;

  @Option(
      names = "--batching",
      description =
          "Join concurrent requests for the same signature into one model run (TF Serving's"
              + " --enable_batching).")
  boolean batching;

  @Option(
      names = "--max-batch-size",
      paramLabel = "N",
      defaultValue = "16",
      description =
          "With --batching: images in one model run; larger requests run alone (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int maxBatchSize;

  @Option(
      names = "--batch-timeout-ms",
      paramLabel = "MS",
      defaultValue = "2",
      description =
          "With --batching: how long a request waits for others to join its batch (default:"
              + " ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeInt.class)
  int batchTimeoutMs;

  @Option(
      names = "--max-enqueued-batches",
      paramLabel = "N",
      defaultValue = "64",
      description =
          "With --batching: batches waiting to run per signature; beyond them requests are"
              + " refused with 503 / UNAVAILABLE (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int maxEnqueuedBatches;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = ServerOptions.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "0",
      description = "Threads that run the models (default: one per core, at least 2).",
      converter = OptionValues.NonNegativeInt.class)
  int workers;

  @Option(
      names = "--max-body-mb",
      paramLabel = "M",
      defaultValue = "16",
      description = "Larger request bodies get 413 (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int maxBodyMb;

  @Option(
      names = "--timeout-seconds",
      paramLabel = "S",
      defaultValue = "30",
      description =
          "Deadline of one model run; 504 after it, 0 for none (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.NonNegativeInt.class)
  int timeoutSeconds;

  @Option(
      names = "--client-timeout-seconds",
      paramLabel = "S",
      defaultValue = "30",
      description =
          "Time a client has to send its request, and again to take the answer; its connection"
              + " is closed after it (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int clientTimeoutSeconds;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      defaultValue = "" + ServerOptions.DEFAULT_MAX_CONNECTIONS,
      description =
          "Requests being read, run or answered at once; beyond them new connections are"
              + " closed (default: ${DEFAULT-VALUE}).",
      converter = OptionValues.PositiveInt.class)
  int maxConnections;

  @Override
  public Integer call() throws Exception {
    if (models == null) {
      models = BundledModels.folder();
      if (!Files.isDirectory(models)) {
        throw new UserException(
            "no bundled models in " + models + ": name an export folder with --models DIR");
      }
    }
    if (!Files.isDirectory(models)) {
      throw new UserException(
          "no such models folder: " + models + " (the folder `t2i export --out` wrote)");
    }
    ServerOptions defaults = ServerOptions.defaults();
    ServerOptions options =
        defaults
            .withHost(host)
            .withPort(port)
            .withWorkers(workers == 0 ? defaults.workers() : workers)
            .withMaxBodyBytes((long) maxBodyMb << 20)
            .withTimeout(Duration.ofSeconds(timeoutSeconds))
            .withClientTimeout(Duration.ofSeconds(clientTimeoutSeconds))
            .withMaxConnections(maxConnections)
            .withBatching(
                batching
                    ? new BatchingOptions(
                        maxBatchSize, Duration.ofMillis(batchTimeoutMs), maxEnqueuedBatches)
                    : null);
    PrintWriter out = spec.commandLine().getOut();
    ModelRepository repository = ModelRepository.load(models);
    ModelServer server;
    GrpcModelServer grpc = null;
    try {
      server = start(repository, options);
      try {
        grpc = noGrpc ? null : startGrpc(repository, options.withPort(grpcPort));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      repository.close();
      throw e;
    }
    CountDownLatch stopRequested = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C: the hook wakes this thread and holds the JVM until the server has stopped.
    Thread hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              try {
                stopped.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "t2i-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean clean = false;
    boolean interrupted = false;
    try {
      printBanner(out, server, grpc, repository.versions());
      if (options.batching() != null) {
        BatchingOptions b = options.batching();
        out.printf(
            "batching: up to %d images per model run, waiting up to %d ms for them%n",
            b.maxBatchSize(), b.batchTimeout().toMillis());
      }
      try {
        stopRequested.await();
      } catch (InterruptedException e) {
        // Stop as on Ctrl-C; the flag is set again once the server has stopped.
        interrupted = true;
      }
      out.println("stopping: finishing the requests in flight");
      out.flush();
    } finally {
      server.close();
      if (grpc != null) {
        grpc.close();
      }
      // Free the models only when no model run can still be using them.
      clean = server.isTerminated() && (grpc == null || grpc.isTerminated());
      if (clean) {
        repository.close();
        out.println("stopped");
        out.flush();
      }
      stopped.countDown();
      removeHook(hook);
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (!clean) {
      throw new UserException("requests were still running after the shutdown grace period");
    }
    return 0;
  }

  private static ModelServer start(ModelRepository repository, ServerOptions options)
      throws IOException {
    try {
      return ModelServer.start(repository, options);
    } catch (BindException e) {
      throw new UserException(
          "cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + ": "
              + e.getMessage()
              + " (pass another --port)");
    }
  }

  private static GrpcModelServer startGrpc(ModelRepository repository, ServerOptions options) {
    try {
      return GrpcModelServer.start(repository, options);
    } catch (UncheckedIOException e) {
      throw new UserException(e.getMessage() + " (pass another --grpc-port, or --no-grpc)");
    }
  }

  private static void printBanner(
      PrintWriter out, ModelServer server, GrpcModelServer grpc, Map<String, List<Long>> versions) {
    out.printf("serving %d model(s) at %s/v1/models/%n", versions.size(), server.baseUri());
    versions.forEach(
        (name, v) ->
            out.printf(
                "  %s versions %s: POST %s/v1/models/%s:predict%n",
                name, v, server.baseUri(), name));
    if (grpc != null) {
      out.printf("gRPC at %s: tensorflow.serving.PredictionService, ModelService%n", grpc.target());
    }
    out.println("Ctrl-C stops.");
    out.flush();
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running
    }
  }
}
