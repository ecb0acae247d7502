package t2i.data.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import t2i.error.UserException;

/** The pipeline's failure and shutdown paths: it must never leave a caller waiting forever. */
class BatchPipelineTest {
  static Batch batch(long i) {
    return new Batch(
        i,
        0,
        1,
        1,
        new float[0],
        new int[0],
        new int[0],
        new String[0],
        new int[0],
        new String[0],
        new int[0],
        new int[0]);
  }

  @Test
  void aFailureBehindAFullQueueReachesTheCallerEveryTime() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (BatchPipeline p =
              new BatchPipeline(
                  i -> {
                    if (i == 3) {
                      throw new UserException("record 7 is broken");
                    }
                    return batch(i);
                  },
                  0,
                  2)) {
            for (long i = 0; i < 3; i++) {
              assertEquals(i, p.next().index());
            }
            UserException first = assertThrows(UserException.class, p::next);
            assertTrue(first.getMessage().contains("record 7"));
            assertFalse(p.hasNext());
            assertThrows(UserException.class, p::next);
          }
        });
  }

  @Test
  void aBugInTheBatchThreadIsReportedNotSwallowed() {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          try (BatchPipeline p =
              new BatchPipeline(
                  i -> {
                    throw new ArrayIndexOutOfBoundsException("bug");
                  },
                  0,
                  2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, p::next);
            assertTrue(e.getMessage().contains("bug"));
          }
        });
  }

  @Test
  void closingReleasesACallerWaitingForABatch() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    BatchPipeline p =
        new BatchPipeline(
            i -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
              return batch(i);
            },
            0,
            2);
    AtomicReference<Throwable> seen = new AtomicReference<>();
    Thread caller =
        new Thread(
            () -> {
              try {
                p.next();
              } catch (Throwable t) {
                seen.set(t);
              }
            });
    caller.start();
    Thread.sleep(200);
    p.close();
    caller.join(5000);
    assertFalse(caller.isAlive(), "the caller is still waiting after close()");
    assertTrue(seen.get() instanceof IllegalStateException, String.valueOf(seen.get()));
    assertThrows(IllegalStateException.class, p::next);
  }
}
