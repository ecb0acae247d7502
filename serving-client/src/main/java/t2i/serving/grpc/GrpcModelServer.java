package t2i.serving.grpc;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.ModelRuns;
import t2i.serving.server.ServerOptions;

/**
 * TF Serving's gRPC API ({@code PredictionService}: Predict and GetModelMetadata; {@code
 * ModelService}: GetModelStatus) over a {@link ModelRepository}, wire-compatible with TF Serving.
 * Requests run on a fixed pool of workers; gRPC reads each message in full on its own network
 * threads before a worker sees it, so a slow or stalled client holds no worker. Messages larger
 * than the options' body limit are refused with RESOURCE_EXHAUSTED; a model run ends at the
 * client's deadline or the server's timeout, whichever comes first (DEADLINE_EXCEEDED). {@link
 * #close} refuses new calls and lets calls in flight finish, up to the grace period. It does not
 * own the models.
 */
public final class GrpcModelServer implements AutoCloseable {
  /** TF Serving's gRPC port. */
  public static final int DEFAULT_PORT = 8500;

  private final Server server;
  private final ExecutorService workers;
  private final ServerOptions options;
  private final ModelRuns runs;

  private GrpcModelServer(
      Server server, ExecutorService workers, ModelRuns runs, ServerOptions options) {
    this.server = server;
    this.workers = workers;
    this.runs = runs;
    this.options = options;
  }

  /**
   * Binds {@code options.host():options.port()} and starts answering.
   *
   * @throws UncheckedIOException when the port cannot be bound
   */
  public static GrpcModelServer start(ModelRepository models, ServerOptions options) {
    AtomicInteger count = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            options.requestThreads(),
            r -> {
              Thread t = new Thread(r, "t2i-grpc-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ModelRuns runs = ModelRuns.of(options);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(options.host(), options.port()))
            .executor(workers)
            .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, options.maxBodyBytes()))
            // A new connection has the client timeout to finish its HTTP/2 preface.
            .handshakeTimeout(options.clientTimeout().toNanos(), TimeUnit.NANOSECONDS)
            .addService(
                UnparsableRequests.guard(
                    new PredictionServiceImpl(models, runs, options.timeout()).bindService()))
            .addService(UnparsableRequests.guard(new ModelServiceImpl(models).bindService()))
            .build();
    try {
      server.start();
    } catch (IOException e) {
      workers.shutdownNow();
      runs.close(Duration.ZERO);
      throw new UncheckedIOException(
          "cannot listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
    }
    return new GrpcModelServer(server, workers, runs, options);
  }

  public int port() {
    return server.getPort();
  }

  /** {@code host:port}, as {@link GrpcClient#connect} takes it. */
  public String target() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return host + ":" + port();
  }

  /** Whether every call has ended after {@link #close}, so the models may be freed. */
  public boolean isTerminated() {
    return server.isTerminated() && workers.isTerminated() && runs.isTerminated();
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdown();
      try {
        workers.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      runs.close(options.shutdownGrace());
    }
  }
}
