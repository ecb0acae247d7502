package t2i.serving.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallTimerTest {
  @Test
  void sequentialCallsEveryIndexInOrder() {
    StringBuilder order = new StringBuilder();
    CallTimer.Timing t = CallTimer.sequential(4, order::append);
    assertEquals("0123", order.toString());
    assertEquals(4, t.calls());
    for (long n : t.nanos()) {
      assertTrue(n >= 0 && n <= t.wallNanos());
    }
  }

  @Test
  void clientsRunAtOnceUntilTheDurationWithDistinctIndices() throws InterruptedException {
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch allStarted = new CountDownLatch(3);
    CallTimer.Timing t =
        CallTimer.clients(
            3,
            Duration.ofMillis(50),
            i -> {
              assertTrue(seen.add(i), "index " + i + " twice");
              allStarted.countDown();
              try {
                // Each call waits for the others' first: the clients run concurrently.
                assertTrue(allStarted.await(5, TimeUnit.SECONDS));
                Thread.sleep(1);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertTrue(t.calls() >= 3, "calls: " + t.calls());
    assertEquals(t.calls(), seen.size());
    for (int i = 0; i < t.calls(); i++) {
      assertTrue(seen.contains(i), "index " + i + " missing");
    }
    assertTrue(t.wallNanos() >= Duration.ofMillis(50).toNanos());
  }

  @Test
  void aFailingCallFailsTheRun() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                CallTimer.clients(
                    2,
                    Duration.ofMillis(10),
                    i -> {
                      throw new IllegalStateException("no");
                    }));
    assertEquals("no", e.getMessage());
  }
}
