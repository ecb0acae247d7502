package t2i.serving.server;

import com.google.common.base.Throwables;
import com.google.common.util.concurrent.Uninterruptibles;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import t2i.serving.local.ModelRepository;

/**
 * A TF-Serving-compatible REST server ({@link RestApiHandler}) on the JDK's HTTP server. Two
 * stages: I/O threads read each request and write its answer, under a {@link ClientDeadlines client
 * deadline}, and only a request read in full goes to the fixed pool of model workers; so slow or
 * stalled clients hold I/O threads, never workers. Beyond {@link ServerOptions#maxConnections}
 * requests under way, new connections are closed at once. Also: a request body limit (413), a
 * deadline per model run (504), and a graceful {@link #close}: new requests are refused with 503 at
 * once, requests already received finish (up to the grace period), then the listener closes. It
 * does not own the models.
 */
public final class ModelServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ModelServer.class.getName());
  private static final long REFUSAL_LOG_GAP = TimeUnit.SECONDS.toNanos(10);

  /** The JDK server's switch for TCP_NODELAY, read once when its classes load. */
  static final String NODELAY = "sun.net.httpserver.nodelay";

  static {
    // Off by default: a small answer then waits for the client's delayed ACK, about 40 ms
    // (t2i bench serve: REST png p50 48 ms with it off, 4 ms on). A user's -D setting wins.
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
  }

  /**
   * The exchange an I/O thread is handling: its client deadline, and whether it was received after
   * {@link #close} began.
   */
  private record InFlight(ClientDeadlines.Deadline deadline, boolean late) {}

  private static final ThreadLocal<InFlight> IN_FLIGHT = new ThreadLocal<>();

  private final HttpServer http;
  private final ThreadPoolExecutor ioThreads;
  private final ExecutorService workers;
  private final ClientDeadlines deadlines;
  private final RestApiHandler api;
  private final ModelRuns runs;
  private final ServerOptions options;
  private final Object lock = new Object();
  private int pending; // received and not yet answered, guarded by lock
  private boolean closing; // guarded by lock
  private boolean closed; // guarded by lock

  private final AtomicLong lastRefusalLogged = new AtomicLong(System.nanoTime() - REFUSAL_LOG_GAP);

  private ModelServer(ModelRepository models, ServerOptions options) throws IOException {
    this.options = options;
    this.runs = ModelRuns.of(options);
    this.api = new RestApiHandler(models, runs, options.timeout());
    this.workers =
        new ThreadPoolExecutor(
            options.requestThreads(),
            options.requestThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads("t2i-serve-"));
    // No queue: a request finds an I/O thread at once or is refused.
    this.ioThreads =
        new ThreadPoolExecutor(
            0,
            options.maxConnections(),
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemonThreads("t2i-serve-io-"));
    this.deadlines = new ClientDeadlines(options.clientTimeout());
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
    http.setExecutor(exchangeExecutor());
    http.createContext("/", this::handle);
  }

  /** Binds and starts answering. */
  public static ModelServer start(ModelRepository models, ServerOptions options)
      throws IOException {
    ModelServer server = new ModelServer(models, options);
    server.http.start();
    return server;
  }

  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://host:port}. */
  public URI baseUri() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + port());
  }

  /**
   * Runs each exchange on an I/O thread under a client deadline, counting it from the moment the
   * server receives it (its first bytes), queued or running. When every I/O thread is taken the
   * executor refuses, and the JDK server closes that connection.
   */
  private Executor exchangeExecutor() {
    return task -> {
      boolean late;
      synchronized (lock) {
        late = closing;
        pending++;
      }
      try {
        ioThreads.execute(
            () -> {
              ClientDeadlines.Deadline deadline = deadlines.start();
              IN_FLIGHT.set(new InFlight(deadline, late));
              try {
                task.run();
              } finally {
                IN_FLIGHT.remove();
                deadline.end();
                done();
              }
            });
      } catch (RejectedExecutionException e) {
        done();
        logRefusal();
        throw e;
      } catch (RuntimeException e) {
        done();
        throw e;
      }
    };
  }

  private void logRefusal() {
    long now = System.nanoTime();
    long last = lastRefusalLogged.get();
    if (now - last >= REFUSAL_LOG_GAP && lastRefusalLogged.compareAndSet(last, now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} requests under way, the limit: closing new connections",
          options.maxConnections());
    }
  }

  private void done() {
    synchronized (lock) {
      pending--;
      lock.notifyAll();
    }
  }

  private void handle(HttpExchange exchange) {
    InFlight inFlight = IN_FLIGHT.get();
    try {
      if (inFlight.late()) {
        send(exchange, ApiResponse.error(503, "the server is shutting down"), true);
        return;
      }
      String lengthHeader = exchange.getRequestHeaders().getFirst("Content-Length");
      long declared = parseLength(lengthHeader);
      byte[] body = declared > options.maxBodyBytes() ? null : readBody(exchange.getRequestBody());
      if (body == null) {
        tooLarge(exchange);
        return;
      }
      if (!inFlight.deadline().pause()) {
        return; // the client was too slow: its connection is closed
      }
      ApiResponse response =
          runOnWorker(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
      inFlight.deadline().resume();
      if (response.status() >= 500) {
        LOG.log(
            System.Logger.Level.WARNING,
            "{0} {1}: {2}",
            exchange.getRequestMethod(),
            exchange.getRequestURI().getRawPath(),
            new String(response.body(), StandardCharsets.UTF_8));
      }
      send(exchange, response, false);
    } catch (IOException e) {
      // The client went away, or was too slow; nothing to answer.
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "request failed", e);
      try {
        send(exchange, ApiResponse.error(500, "Internal: " + e), true);
      } catch (IOException | RuntimeException ignored) {
        // headers may be gone already
      }
    } finally {
      exchange.close();
    }
  }

  /** Hands a request read in full to a model worker and waits for its answer. */
  private ApiResponse runOnWorker(String method, String rawPath, byte[] body) {
    Future<ApiResponse> answer;
    try {
      answer = workers.submit(() -> api.handle(method, rawPath, body));
    } catch (RejectedExecutionException e) {
      return ApiResponse.error(503, "the server is shutting down");
    }
    try {
      return Uninterruptibles.getUninterruptibly(answer);
    } catch (ExecutionException e) {
      Throwables.throwIfUnchecked(e.getCause());
      throw new IllegalStateException(e.getCause());
    }
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The whole body, or null once it passes the limit. */
  private byte[] readBody(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[64 << 10];
    long total = 0;
    for (int n; (n = in.read(buf)) > 0; ) {
      total += n;
      if (total > options.maxBodyBytes()) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /**
   * 413, then the rest of the body is read and dropped (up to a bound): a client still sending when
   * the connection closes would get a reset instead of the answer.
   */
  private void tooLarge(HttpExchange exchange) throws IOException {
    long mb = options.maxBodyBytes() >> 20;
    String limit = mb > 0 ? mb + " MB" : options.maxBodyBytes() + " bytes";
    send(
        exchange,
        ApiResponse.error(413, "the request body is larger than the server's limit of " + limit),
        true);
    long drainLimit = Math.max(64L << 20, 4 * options.maxBodyBytes());
    byte[] buf = new byte[64 << 10];
    InputStream in = exchange.getRequestBody();
    long drained = 0;
    for (int n; drained < drainLimit && (n = in.read(buf)) > 0; ) {
      drained += n;
    }
  }

  private static void send(HttpExchange exchange, ApiResponse response, boolean closeConnection)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (closeConnection) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    if ("HEAD".equals(exchange.getRequestMethod())) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    exchange.sendResponseHeaders(response.status(), response.body().length);
    OutputStream out = exchange.getResponseBody();
    out.write(response.body());
    out.flush();
  }

  /**
   * Stops gracefully: requests received from now on are answered 503; those received before are
   * answered (waiting up to the grace period); then the listener and the workers stop. The caller
   * closes the models afterwards.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + options.shutdownGrace().toNanos();
      try {
        while (pending > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            LOG.log(
                System.Logger.Level.WARNING,
                "{0} requests still running after the shutdown grace period",
                pending);
            break;
          }
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      closed = true;
    }
    http.stop(0); // closes every connection, which ends the I/O threads' reads and writes
    ioThreads.shutdown();
    workers.shutdown();
    try {
      long seconds = Math.max(1, options.shutdownGrace().toSeconds());
      if (!workers.awaitTermination(seconds, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "worker threads did not stop");
      }
      if (!ioThreads.awaitTermination(seconds, TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "I/O threads did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    runs.close(options.shutdownGrace());
    deadlines.close();
  }

  /** Requests received and not yet answered (for tests). */
  int pending() {
    synchronized (lock) {
      return pending;
    }
  }

  /** Whether {@link #close} has begun (for tests). */
  boolean isClosing() {
    synchronized (lock) {
      return closing;
    }
  }

  /** Whether every model worker has stopped: only then may the models be closed safely. */
  public boolean isTerminated() {
    return workers.isTerminated() && runs.isTerminated();
  }

  private static ThreadFactory daemonThreads(String namePrefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, namePrefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
