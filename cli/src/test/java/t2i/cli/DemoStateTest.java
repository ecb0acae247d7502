package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What demo.json remembers of the stages made from trained runs. */
class DemoStateTest {
  @TempDir Path dir;

  @Test
  void aStageIsFinishedOnlyFromTheExactStepsItWasMadeFrom() throws IOException {
    Map<String, Long> steps = Map.of("embedding", 20L, "gan", 300L, "style", 40L);
    DemoState state =
        new DemoState(30, "/data/emoji", Map.of()).withFinished("export", steps).withMinutes(45);
    state.write(dir);
    DemoState read = DemoState.read(dir);
    assertEquals(state, read);
    assertEquals(45, read.minutes());
    assertTrue(read.finishedFrom("export", steps));
    assertFalse(read.finishedFrom("export", Map.of("embedding", 20L, "gan", 301L, "style", 40L)));
    assertFalse(read.finishedFrom("report", steps));
  }

  @Test
  void aDemoFolderFromBeforeStagesWereRecordedRemakesThem() throws IOException {
    Files.writeString(
        dir.resolve(DemoState.FILE), "{\"minutes\": 30.0, \"dataset\": \"/data/emoji\"}\n");
    DemoState old = DemoState.read(dir);
    assertEquals(Map.of(), old.finished());
    assertFalse(old.finishedFrom("export", Map.of("gan", 1L)));
  }
}
