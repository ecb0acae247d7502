package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs calls 0..n-1 from {@code concurrency} threads at once (each takes the next call when its
 * previous one returns) and times each call and the whole. With concurrency 1 the calls run one
 * after another on the caller's thread.
 */
final class CallTimer {
  /**
   * Each call's duration, by call index; the wall time from the first start to the last end; and
   * the CPU time the whole process used meanwhile (every thread: TensorFlow's, an in-process
   * server's, the clients'), or -1 where the JVM does not tell. (HotSpot on Linux counts it in 10
   * ms clock ticks: precise over the seconds a row takes, not per call.)
   */
  record Timing(long[] nanos, long wallNanos, long processCpuNanos) {
    double wallSeconds() {
      return wallNanos / 1e9;
    }
  }

  private CallTimer() {}

  static Timing time(int n, int concurrency, IntConsumer call) {
    checkArgument(n > 0, "n must be > 0, was %s", n);
    checkArgument(concurrency > 0, "concurrency must be > 0, was %s", concurrency);
    long[] nanos = new long[n];
    long cpu = processCpuNanos();
    long start = System.nanoTime();
    if (concurrency == 1) {
      for (int i = 0; i < n; i++) {
        timeOne(call, i, nanos);
      }
    } else {
      parallel(n, concurrency, call, nanos);
    }
    long wall = System.nanoTime() - start;
    long cpuEnd = processCpuNanos();
    return new Timing(nanos, wall, cpu < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpu);
  }

  /** CPU time used by this process so far, or -1 where the JVM does not tell. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  private static void timeOne(IntConsumer call, int i, long[] nanos) {
    long t0 = System.nanoTime();
    call.accept(i);
    nanos[i] = System.nanoTime() - t0;
  }

  private static void parallel(int n, int concurrency, IntConsumer call, long[] nanos) {
    AtomicInteger next = new AtomicInteger();
    List<Callable<Void>> clients = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      clients.add(
          () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
              timeOne(call, i, nanos);
            }
            return null;
          });
    }
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      for (Future<Void> f : pool.invokeAll(clients)) {
        f.get();
      }
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
