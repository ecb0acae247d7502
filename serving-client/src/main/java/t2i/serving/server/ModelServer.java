package t2i.serving.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import t2i.serving.local.ModelRepository;

/**
 * A TF-Serving-compatible REST server ({@link RestApiHandler}) on the JDK's HTTP server: a fixed
 * pool of worker threads, a request body limit (413), a deadline per model run (504), and a
 * graceful {@link #close}: new requests are refused with 503 at once, requests already received
 * finish (up to the grace period), then the listener closes. It does not own the models.
 */
public final class ModelServer implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ModelServer.class.getName());

  private final HttpServer http;
  private final ExecutorService workers;
  private final RestApiHandler api;
  private final ServerOptions options;
  private final Object lock = new Object();
  private int pending; // received and not yet answered, guarded by lock
  private boolean closing; // guarded by lock
  private boolean closed; // guarded by lock

  /** Set on a worker thread while it runs a request received after {@link #close} began. */
  private static final ThreadLocal<Boolean> LATE = ThreadLocal.withInitial(() -> false);

  private ModelServer(ModelRepository models, ServerOptions options) throws IOException {
    this.options = options;
    this.api = new RestApiHandler(models, options.timeout());
    this.workers =
        new ThreadPoolExecutor(
            options.workers(),
            options.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            daemonThreads());
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
    http.setExecutor(countingExecutor());
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

  /** Counts each request from the moment the server receives it, queued or running. */
  private Executor countingExecutor() {
    return task -> {
      boolean late;
      synchronized (lock) {
        late = closing;
        pending++;
      }
      try {
        workers.execute(
            () -> {
              LATE.set(late);
              try {
                task.run();
              } finally {
                LATE.remove();
                done();
              }
            });
      } catch (RuntimeException e) {
        done();
        throw e;
      }
    };
  }

  private void done() {
    synchronized (lock) {
      pending--;
      lock.notifyAll();
    }
  }

  private void handle(HttpExchange exchange) {
    try {
      if (LATE.get()) {
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
      ApiResponse response =
          api.handle(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
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
      // The client went away; nothing to answer.
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
    http.stop(0);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(
          Math.max(1, options.shutdownGrace().toSeconds()), TimeUnit.SECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "worker threads did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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

  /** Whether every worker has stopped: only then may the models be closed safely. */
  public boolean isTerminated() {
    return workers.isTerminated();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "t2i-serve-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
