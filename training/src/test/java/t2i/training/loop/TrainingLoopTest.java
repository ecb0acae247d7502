package t2i.training.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.base.Ticker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import t2i.error.UserException;

class TrainingLoopTest {
  /** A clock the test moves: every step takes one second. */
  static final class FakeTicker extends Ticker {
    long nanos;

    @Override
    public long read() {
      return nanos;
    }
  }

  static final class FakeTrainer implements Trainer {
    final FakeTicker ticker;
    final List<Long> checkpoints = new ArrayList<>();
    long step;
    long failAt = -1;
    long nanAt = -1;

    FakeTrainer(FakeTicker ticker, long start) {
      this.ticker = ticker;
      this.step = start;
    }

    @Override
    public long step() {
      return step;
    }

    @Override
    public StepResult trainStep() {
      ticker.nanos += 1_000_000_000L;
      if (step + 1 == failAt) {
        throw new IllegalStateException("step failed");
      }
      step++;
      return new StepResult(step, Map.of("loss", step == nanAt ? Double.NaN : 1.0 / step));
    }

    @Override
    public List<String> scalarNames() {
      return List.of("loss");
    }

    @Override
    public void checkpoint(double elapsedSeconds) {
      checkpoints.add(step);
    }

    @Override
    public void close() {}
  }

  @Test
  void stopsAtTheStepBudgetCheckpointingPeriodicallyAndAtTheEnd() throws IOException {
    FakeTicker ticker = new FakeTicker();
    FakeTrainer t = new FakeTrainer(ticker, 0);
    long end = new TrainingLoop(t, List.of(), 10, ticker).run(Budget.steps(25), 0);
    assertEquals(25, end);
    assertEquals(List.of(10L, 20L, 25L), t.checkpoints);
  }

  @Test
  void aTimeBudgetCountsOnlyThisSessionAndAResumedStepBudgetCountsInAll() throws IOException {
    FakeTicker ticker = new FakeTicker();
    FakeTrainer t = new FakeTrainer(ticker, 100);
    assertEquals(107, new TrainingLoop(t, List.of(), 0, ticker).run(Budget.minutes(7 / 60.0), 500));
    FakeTrainer resumed = new FakeTrainer(ticker, 100);
    assertEquals(120, new TrainingLoop(resumed, List.of(), 0, ticker).run(Budget.steps(120), 0));
  }

  @Test
  void aStopRequestEndsAfterTheStepWithACheckpoint() throws IOException {
    FakeTicker ticker = new FakeTicker();
    FakeTrainer t = new FakeTrainer(ticker, 0);
    List<TrainingListener> listeners = new ArrayList<>();
    TrainingLoop[] loop = new TrainingLoop[1];
    listeners.add(
        (r, elapsed) -> {
          if (r.step() == 3) {
            loop[0].requestStop();
          }
        });
    loop[0] = new TrainingLoop(t, listeners, 0, ticker);
    assertEquals(3, loop[0].run(Budget.steps(100), 0));
    assertEquals(List.of(3L), t.checkpoints);
  }

  @Test
  void aFailedStepKeepsTheLastGoodCheckpoint() {
    FakeTicker ticker = new FakeTicker();
    FakeTrainer t = new FakeTrainer(ticker, 0);
    t.failAt = 15;
    assertThrows(
        IllegalStateException.class,
        () -> new TrainingLoop(t, List.of(), 10, ticker).run(Budget.steps(100), 0));
    assertEquals(List.of(10L), t.checkpoints, "the half-done step 15 must not be saved");
  }

  @Test
  void aDivergedStepStopsTheRunBeforeAnyListenerSeesItAndIsNotSaved() {
    FakeTicker ticker = new FakeTicker();
    FakeTrainer t = new FakeTrainer(ticker, 0);
    t.nanAt = 12;
    List<Long> seen = new ArrayList<>();
    List<TrainingListener> listeners = List.of((r, elapsed) -> seen.add(r.step()));
    UserException e =
        assertThrows(
            UserException.class,
            () -> new TrainingLoop(t, listeners, 10, ticker).run(Budget.steps(100), 0));
    assertEquals(
        "training diverged at step 12 (loss NaN): resume from the last checkpoint", e.getMessage());
    assertEquals(11L, seen.get(seen.size() - 1), "the listener never saw step 12");
    assertEquals(List.of(10L), t.checkpoints, "the diverged step 12 must not be saved");
  }

  @Test
  void noBudgetIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> new Budget(0, 0));
  }
}
