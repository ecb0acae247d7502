package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Times calls: a fixed number one after another ({@link #sequential}), or from several client
 * threads for a while ({@link #clients}); each call is given its own index.
 */
final class CallTimer {
  /**
   * Each call's duration, by call index; the wall time from the first start to the last end; and
   * the CPU time the whole process used meanwhile (every thread: TensorFlow's, an in-process
   * server's, the clients'), or -1 where the JVM does not tell. (HotSpot on Linux counts it in 10
   * ms clock ticks: precise over the seconds a row takes, not per call.)
   */
  record Timing(long[] nanos, long wallNanos, long processCpuNanos) {
    int calls() {
      return nanos.length;
    }

    double wallSeconds() {
      return wallNanos / 1e9;
    }
  }

  private CallTimer() {}

  /** Calls 0..n-1, one after another on this thread. */
  static Timing sequential(int n, IntConsumer call) {
    checkArgument(n > 0, "n must be > 0, was %s", n);
    long[] nanos = new long[n];
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      call.accept(i);
      nanos[i] = System.nanoTime() - t0;
    }
    return timing(nanos, start, cpu);
  }

  /**
   * {@code clients} threads, each making calls back to back until {@code duration} has passed since
   * they started (at least one call each), the indices 0, 1, ... handed out in turn. The durations
   * come back in the order the calls ended per client, not by index.
   */
  static Timing clients(int clients, Duration duration, IntConsumer call) {
    checkArgument(clients > 0, "clients must be > 0, was %s", clients);
    checkArgument(!duration.isNegative(), "the duration must be >= 0, was %s", duration);
    AtomicInteger next = new AtomicInteger();
    List<Callable<long[]>> tasks = new ArrayList<>();
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int c = 0; c < clients; c++) {
      tasks.add(
          () -> {
            long[] mine = new long[64];
            int n = 0;
            do {
              long t0 = System.nanoTime();
              call.accept(next.getAndIncrement());
              if (n == mine.length) {
                mine = Arrays.copyOf(mine, 2 * n);
              }
              mine[n++] = System.nanoTime() - t0;
            } while (System.nanoTime() - end < 0);
            return Arrays.copyOf(mine, n);
          });
    }
    List<long[]> perClient = runAll(tasks);
    long[] nanos = new long[perClient.stream().mapToInt(a -> a.length).sum()];
    int at = 0;
    for (long[] a : perClient) {
      System.arraycopy(a, 0, nanos, at, a.length);
      at += a.length;
    }
    return timing(nanos, start, cpu);
  }

  /** CPU time used by this process so far, or -1 where the JVM does not tell. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static Timing timing(long[] nanos, long start, long cpuStart) {
    long wall = System.nanoTime() - start;
    long cpuEnd = processCpuNanos();
    return new Timing(nanos, wall, cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart);
  }

  /** Runs each task on its own thread; the first failure is thrown once all have ended. */
  private static <T> List<T> runAll(List<Callable<T>> tasks) {
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            tasks.size(),
            r -> {
              Thread t = new Thread(r, "t2i-bench-client-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<T> results = new ArrayList<>();
      for (Future<T> f : pool.invokeAll(tasks)) {
        results.add(f.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while benchmarking", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
