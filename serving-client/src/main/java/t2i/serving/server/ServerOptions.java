package t2i.serving.server;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How {@link ModelServer} listens and how much it takes on.
 *
 * @param host the address to bind; loopback unless told otherwise
 * @param port the port; 0 picks a free one
 * @param workers threads that run the models (a request that has been read waits in a queue when
 *     all are busy)
 * @param maxBodyBytes larger request bodies are answered 413
 * @param timeout the deadline of one model run, as TF Serving's {@code --rest_api_timeout_in_ms}
 *     (504 when it passes); zero for none
 * @param shutdownGrace how long {@link ModelServer#close} waits for requests in flight
 * @param clientTimeout how long a client may take to send a request (from its first byte to the end
 *     of its body), and again to take the answer; past it the connection is closed
 * @param maxConnections connections with a request under way, each holding one I/O thread and up to
 *     {@code maxBodyBytes} of body; a request beyond them has its connection closed at once.
 *     Connections idle between requests do not count.
 * @param batching how concurrent requests are joined into one model run, or null for none
 */
public record ServerOptions(
    String host,
    int port,
    int workers,
    long maxBodyBytes,
    Duration timeout,
    Duration shutdownGrace,
    Duration clientTimeout,
    int maxConnections,
    BatchingOptions batching) {
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** TF Serving's REST port. */
  public static final int DEFAULT_PORT = 8501;

  public static final long DEFAULT_MAX_BODY_BYTES = 16L << 20;

  /** TF Serving's default {@code --rest_api_timeout_in_ms}. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** Enough for a full-size body at about 0.5 MB/s. */
  public static final Duration DEFAULT_CLIENT_TIMEOUT = Duration.ofSeconds(30);

  /** With full-size bodies, at most 1 GB of them in memory. */
  public static final int DEFAULT_MAX_CONNECTIONS = 64;

  public ServerOptions {
    checkArgument(host != null && !host.isBlank(), "host must not be empty");
    checkArgument(port >= 0 && port <= 65535, "port must be in [0, 65535], was %s", port);
    checkArgument(workers >= 1, "workers must be >= 1, was %s", workers);
    checkArgument(maxBodyBytes >= 1, "the body size limit must be >= 1 byte, was %s", maxBodyBytes);
    checkArgument(!timeout.isNegative(), "the timeout must be >= 0 (0 for none), was %s", timeout);
    checkArgument(!shutdownGrace.isNegative(), "the shutdown grace must be >= 0");
    checkArgument(
        clientTimeout.compareTo(Duration.ofMillis(1)) >= 0,
        "the client timeout must be >= 1 ms, was %s",
        clientTimeout);
    checkArgument(maxConnections >= 1, "maxConnections must be >= 1, was %s", maxConnections);
  }

  public static ServerOptions defaults() {
    return new ServerOptions(
        DEFAULT_HOST,
        DEFAULT_PORT,
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        DEFAULT_MAX_BODY_BYTES,
        DEFAULT_TIMEOUT,
        Duration.ofSeconds(30),
        DEFAULT_CLIENT_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS,
        null);
  }

  public ServerOptions withHost(String host) {
    return with(f -> f.host = host);
  }

  public ServerOptions withPort(int port) {
    return with(f -> f.port = port);
  }

  public ServerOptions withWorkers(int workers) {
    return with(f -> f.workers = workers);
  }

  public ServerOptions withMaxBodyBytes(long maxBodyBytes) {
    return with(f -> f.maxBodyBytes = maxBodyBytes);
  }

  public ServerOptions withTimeout(Duration timeout) {
    return with(f -> f.timeout = timeout);
  }

  public ServerOptions withShutdownGrace(Duration shutdownGrace) {
    return with(f -> f.shutdownGrace = shutdownGrace);
  }

  public ServerOptions withClientTimeout(Duration clientTimeout) {
    return with(f -> f.clientTimeout = clientTimeout);
  }

  public ServerOptions withMaxConnections(int maxConnections) {
    return with(f -> f.maxConnections = maxConnections);
  }

  public ServerOptions withBatching(BatchingOptions batching) {
    return with(f -> f.batching = batching);
  }

  /** A copy with the fields {@code change} sets. */
  private ServerOptions with(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** The fields of a copy being made. */
  private static final class Fields {
    String host;
    int port;
    int workers;
    long maxBodyBytes;
    Duration timeout;
    Duration shutdownGrace;
    Duration clientTimeout;
    int maxConnections;
    BatchingOptions batching;

    Fields(ServerOptions o) {
      host = o.host;
      port = o.port;
      workers = o.workers;
      maxBodyBytes = o.maxBodyBytes;
      timeout = o.timeout;
      shutdownGrace = o.shutdownGrace;
      clientTimeout = o.clientTimeout;
      maxConnections = o.maxConnections;
      batching = o.batching;
    }

    ServerOptions build() {
      return new ServerOptions(
          host,
          port,
          workers,
          maxBodyBytes,
          timeout,
          shutdownGrace,
          clientTimeout,
          maxConnections,
          batching);
    }
  }

  /**
   * Threads that take read requests to the models: the workers, or with batching as many as there
   * may be requests, since they only wait while the batch threads run the models.
   */
  public int requestThreads() {
    return batching == null ? workers : Math.max(workers, maxConnections);
  }
}
