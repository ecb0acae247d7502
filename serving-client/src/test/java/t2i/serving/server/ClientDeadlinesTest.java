package t2i.serving.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClientDeadlinesTest {
  final ClientDeadlines deadlines = new ClientDeadlines(Duration.ofMillis(50));

  @AfterEach
  void close() {
    Thread.interrupted();
    deadlines.close();
  }

  @Test
  void aDeadlineThatPassesInterruptsItsThread() {
    ClientDeadlines.Deadline deadline = deadlines.start();
    assertTrue(sleepIsInterrupted(Duration.ofSeconds(5)));
    assertFalse(deadline.pause());
    deadline.end();
    assertFalse(Thread.currentThread().isInterrupted(), "end() clears the interrupt");
  }

  @Test
  void aPausedDeadlineDoesNotInterruptAndResumeGivesTheWholeTimeoutAgain() {
    ClientDeadlines.Deadline deadline = deadlines.start();
    assertTrue(deadline.pause());
    assertFalse(sleepIsInterrupted(Duration.ofMillis(150)));
    deadline.resume();
    assertTrue(sleepIsInterrupted(Duration.ofSeconds(5)));
    deadline.end();
  }

  @Test
  void anEndedDeadlineNeverInterrupts() {
    deadlines.start().end();
    assertFalse(sleepIsInterrupted(Duration.ofMillis(150)));
  }

  static boolean sleepIsInterrupted(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return false;
    } catch (InterruptedException e) {
      return true;
    }
  }
}
