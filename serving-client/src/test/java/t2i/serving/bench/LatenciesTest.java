package t2i.serving.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatenciesTest {
  static final long MS = 1_000_000;

  /** 1..n milliseconds in a shuffled order. */
  static long[] shuffledMillis(int n) {
    List<Long> xs = new ArrayList<>();
    for (long i = 1; i <= n; i++) {
      xs.add(i * MS);
    }
    Collections.shuffle(xs, new Random(3));
    return xs.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void nearestRankOfOneToAHundred() {
    Latencies l = Latencies.ofNanos(shuffledMillis(100));
    assertEquals(100, l.count());
    assertEquals(50.0, l.p50Millis());
    assertEquals(99.0, l.p99Millis());
    assertEquals(50.5, l.meanMillis(), 1e-9);
  }

  @Test
  void smallSamplesTakeMeasuredValues() {
    long[] three = {5 * MS, 1 * MS, 3 * MS};
    Latencies l = Latencies.ofNanos(three);
    assertEquals(3.0, l.p50Millis());
    assertEquals(5.0, l.p99Millis()); // ceil(0.99 * 3) = 3: the largest
    assertEquals(3.0, l.meanMillis(), 1e-9);
    assertArrayEquals(new long[] {5 * MS, 1 * MS, 3 * MS}, three, "the samples are not sorted");

    Latencies one = Latencies.ofNanos(new long[] {7 * MS});
    assertEquals(7.0, one.p50Millis());
    assertEquals(7.0, one.p99Millis());

    // Even count: p50 is the lower middle value (rank n/2), not an average of the two.
    assertEquals(2.0, Latencies.ofNanos(new long[] {4 * MS, 1 * MS, 2 * MS, 3 * MS}).p50Millis());
  }

  @Test
  void p99OfAThousandIgnoresTheTenSlowest() {
    long[] xs = shuffledMillis(1000);
    assertEquals(990.0, Latencies.ofNanos(xs).p99Millis());
    long[] sorted = xs.clone();
    Arrays.sort(sorted);
    assertEquals(1 * MS, Latencies.percentile(sorted, 0.1)); // rank ceil(1) = 1
    assertEquals(2 * MS, Latencies.percentile(sorted, 0.11)); // rank ceil(1.1) = 2
    assertEquals(1000 * MS, Latencies.percentile(sorted, 100));
  }

  @Test
  void misuseIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> Latencies.ofNanos(new long[0]));
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 0));
    assertThrows(IllegalArgumentException.class, () -> Latencies.percentile(new long[] {1}, 101));
  }
}
