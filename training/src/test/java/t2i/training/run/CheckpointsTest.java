package t2i.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class CheckpointsTest {
  @TempDir Path run;

  @Test
  void savesWholeFoldersKeepsTheNewestAndRestoresValues() throws IOException {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Variable<TFloat32> v = tf.withName("v").variable(tf.constant(1f));
      var add = tf.assignAdd(v, tf.constant(1f));
      s.initialize();
      Checkpoints checkpoints = new Checkpoints(run, 2);
      assertTrue(checkpoints.latest().isEmpty());
      for (long step = 1; step <= 4; step++) {
        s.run(add);
        checkpoints.save(s, step, step * 10.0);
      }
      Checkpoint latest = checkpoints.latest().orElseThrow();
      assertEquals(4, latest.step());
      assertEquals(40.0, latest.elapsedSeconds());
      try (Stream<Path> folders = Files.list(checkpoints.dir())) {
        assertEquals(
            List.of("latest.json", "step-3", "step-4"),
            folders.map(p -> p.getFileName().toString()).sorted().toList());
      }
      s.run(add);
      Checkpoints.restore(s, latest);
      try (var r = s.runner().fetch(v).run()) {
        assertEquals(5f, ((TFloat32) r.get(0)).getFloat()); // 1 + 4 adds
      }
    }
  }

  @Test
  void aCrashBeforeLatestIsReplacedKeepsThePreviousCheckpoint() throws IOException {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      tf.withName("v").variable(tf.constant(1f));
      s.initialize();
      Checkpoints checkpoints = new Checkpoints(run);
      checkpoints.save(s, 7, 1.0);
      // What a kill during the next save leaves: a partial folder, latest.json untouched.
      Files.createDirectories(checkpoints.dir().resolve(".partial-step-8"));
      assertEquals(7, checkpoints.latest().orElseThrow().step());
      checkpoints.save(s, 8, 2.0);
      assertFalse(Files.exists(checkpoints.dir().resolve(".partial-step-8")));
      assertEquals(8, checkpoints.latest().orElseThrow().step());
    }
  }
}
