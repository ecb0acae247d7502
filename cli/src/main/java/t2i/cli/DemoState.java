package t2i.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import t2i.data.io.AtomicFiles;
import t2i.data.io.Json;

/**
 * What {@code demo.json} in a demo folder records: the budget the stages were sized by, the
 * dataset, and for each finished stage that derives from trained runs (export, pictures,
 * evaluations, report) the checkpoint steps it was made from, so that a later demo reuses it only
 * while those runs are unchanged.
 */
record DemoState(double minutes, String dataset, Map<String, Map<String, Long>> finished) {
  static final String FILE = "demo.json";

  DemoState {
    finished = finished == null ? Map.of() : Map.copyOf(finished);
  }

  static DemoState read(Path demoFolder) {
    return Json.read(demoFolder.resolve(FILE), DemoState.class);
  }

  /** Whether {@code stage} finished from exactly these run steps. */
  boolean finishedFrom(String stage, Map<String, Long> sources) {
    return sources.equals(finished.get(stage));
  }

  DemoState withMinutes(double newMinutes) {
    return new DemoState(newMinutes, dataset, finished);
  }

  DemoState withFinished(String stage, Map<String, Long> sources) {
    Map<String, Map<String, Long>> next = new HashMap<>(finished);
    next.put(stage, Map.copyOf(sources));
    return new DemoState(minutes, dataset, next);
  }

  void write(Path demoFolder) throws IOException {
    AtomicFiles.write(
        demoFolder.resolve(FILE),
        (Json.gson().toJson(this) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  static boolean existsIn(Path folder) {
    return Files.exists(folder.resolve(FILE));
  }
}
