package t2i.serving.server;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Cuts off clients too slow to send a request or to take an answer. The JDK server reads and writes
 * a connection on the thread handling it, through a blocking {@link
 * java.nio.channels.SocketChannel}, and such a channel closes when its thread is interrupted (it is
 * an {@link java.nio.channels.InterruptibleChannel}): the blocked read or write fails and the
 * connection is gone. So a deadline that passes interrupts its thread. (The JDK server's own limits
 * are system properties read once per JVM, in whole seconds, and none covers the request body.)
 */
final class ClientDeadlines implements AutoCloseable {
  private final Duration timeout;
  private final ScheduledThreadPoolExecutor timer;

  ClientDeadlines(Duration timeout) {
    this.timeout = timeout;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "t2i-serve-client-deadlines");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
  }

  /** A deadline for the calling thread, running from now. */
  Deadline start() {
    Deadline deadline = new Deadline(Thread.currentThread());
    deadline.resume();
    return deadline;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  /**
   * The deadline of one exchange. Only the exchange's thread calls its methods; the timer only
   * interrupts that thread, and never once the clock is stopped.
   */
  final class Deadline {
    private final Thread thread;
    private ScheduledFuture<?> expiry; // guarded by this
    private long generation; // guarded by this: an expiry of an earlier run of the clock is stale
    private boolean running; // guarded by this
    private boolean expired; // guarded by this

    private Deadline(Thread thread) {
      this.thread = thread;
    }

    /** Starts the clock again: the client has the whole timeout from now. */
    synchronized void resume() {
      running = true;
      long g = ++generation;
      if (!timer.isShutdown()) {
        expiry = timer.schedule(() -> expire(g), timeout.toNanos(), TimeUnit.NANOSECONDS);
      }
    }

    /**
     * Stops the clock. False if it ran out: the connection is closed, or will close at the thread's
     * next read or write on it, since the thread stays interrupted until {@link #end}.
     */
    synchronized boolean pause() {
      running = false;
      if (expiry != null) {
        expiry.cancel(false);
        expiry = null;
      }
      return !expired;
    }

    /** Stops the clock for good and clears an interrupt it sent, so the thread can serve on. */
    synchronized void end() {
      pause();
      if (expired) {
        Thread.interrupted();
      }
    }

    private synchronized void expire(long g) {
      if (running && g == generation) {
        expired = true;
        thread.interrupt();
      }
    }
  }
}
