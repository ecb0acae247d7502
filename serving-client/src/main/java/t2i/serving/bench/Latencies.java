package t2i.serving.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * A summary of measured call durations. Percentiles are nearest-rank: the p-th percentile of n
 * samples is the smallest sample that at least p% of the samples do not exceed, so it is always a
 * measured value (p50 of 1..100 is 50, p99 is 99; p99 of 10 samples is the largest).
 */
public record Latencies(int count, double p50Millis, double p99Millis, double meanMillis) {
  public Latencies {
    checkArgument(count > 0, "count must be > 0, was %s", count);
  }

  /** The summary of durations in nanoseconds (not modified). */
  public static Latencies ofNanos(long[] nanos) {
    checkArgument(nanos.length > 0, "no samples");
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long x : sorted) {
      sum += x;
    }
    return new Latencies(
        sorted.length,
        percentile(sorted, 50) / 1e6,
        percentile(sorted, 99) / 1e6,
        sum / sorted.length / 1e6);
  }

  /**
   * The nearest-rank {@code p}-th percentile of ascending samples: {@code sorted[ceil(p/100 * n) -
   * 1]}.
   */
  public static long percentile(long[] sorted, double p) {
    checkArgument(sorted.length > 0, "no samples");
    checkArgument(p > 0 && p <= 100, "p must be in (0, 100], was %s", p);
    // p * n first: exact for whole p, so that e.g. p99 of 100 samples is rank 99, not 100.
    int rank = (int) Math.ceil(p * sorted.length / 100);
    return sorted[Math.max(1, rank) - 1];
  }
}
