package t2i.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.training.Precision;

/** The frame on the smallest trainer there is: a counter that each step adds 1 to. */
class RunFrameTest {
  @TempDir Path dir;

  static final class Counter extends RunFrame<Counter.Scalars> {
    record Scalars(double countValue, double stepSeen) {}

    private final Operand<TFloat32> next;

    Counter(Path runDir, Checkpoint resumeFrom) {
      super(Scalars.class, runDir, resumeFrom, 1, Precision.FLOAT32);
      Graph graph = new Graph();
      Ops tf = Ops.create(graph);
      Variable<TFloat32> count = tf.withName("count").variable(tf.constant(0f));
      next = tf.assignAdd(count, tf.constant(1f));
      open(graph);
    }

    @Override
    protected Scalars runStep(long step) {
      try (Result r = session().runner().fetch(next).run()) {
        return new Scalars(((TFloat32) r.get(0)).getFloat(), step);
      }
    }

    void openAgain() {
      try (Graph another = new Graph()) {
        open(another);
      }
    }
  }

  @Test
  void countsStepsNamesScalarsAndResumesFromItsCheckpoint() throws IOException {
    try (Counter c = new Counter(dir, null)) {
      assertEquals(List.of("count_value", "step_seen"), c.scalarNames());
      assertEquals(0, c.step());
      c.trainStep();
      c.trainStep();
      c.trainStep();
      c.checkpoint(3.0);
      var r = c.trainStep();
      assertEquals(4, r.step());
      assertEquals(4.0, r.get("count_value"));
      assertEquals(3.0, r.get("step_seen"), "runStep gets the steps done before it");
    }
    Checkpoint latest = new Checkpoints(dir).latest().orElseThrow();
    assertEquals(3, latest.step());
    try (Counter c = new Counter(dir, latest)) {
      assertEquals(3, c.step());
      var r = c.trainStep();
      assertEquals(4, r.step());
      assertEquals(4.0, r.get("count_value"), "the variable came back from the checkpoint");
    }
  }

  @Test
  void theSessionOpensOnce() {
    try (Counter c = new Counter(dir, null)) {
      assertThrows(IllegalStateException.class, c::openAgain);
    }
  }
}
