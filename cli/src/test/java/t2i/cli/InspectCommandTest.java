package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.export.SavedModelInspector;
import t2i.export.TinySavedModels;

/** {@code t2i inspect} as a user meets it: stdout, one line per problem on stderr, exit codes. */
class InspectCommandTest {
  @TempDir static Path dir;
  static Path models;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  @BeforeAll
  static void models() {
    models = dir.resolve("models");
    TinySavedModels.dense(models.resolve("dense/1"), SavedModelInspector.PREDICT);
    TinySavedModels.embeddingTrainingGraph(models.resolve("trained/1"), "adam");
  }

  @Test
  void aCleanModelFolderPrintsItsHighestVersionAndExitsZero() {
    CliRun r = t2i("inspect", models.resolve("dense").toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    assertTrue(r.out().startsWith("SavedModel " + models.resolve("dense/1") + "\n"), r.out());
    assertTrue(r.out().contains("meta graph [serve]: "), r.out());
    assertTrue(r.out().contains("    input  x: x:0 DT_FLOAT [-1,4]\n"), r.out());
  }

  @Test
  void jsonIsTheReport() {
    CliRun r = t2i("inspect", models.resolve("dense/1").toString(), "--json");
    assertEquals(0, r.exit(), r.err());
    JsonObject json = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(0, json.getAsJsonArray("problems").size());
    assertTrue(json.get("variablesIndex").getAsBoolean());
    JsonObject input =
        json.getAsJsonArray("metaGraphs")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("signatures")
            .get(0)
            .getAsJsonObject()
            .getAsJsonArray("inputs")
            .get(0)
            .getAsJsonObject();
    assertEquals("DT_FLOAT", input.get("dtype").getAsString());
    assertEquals("[-1,4]", input.get("shape").toString());
  }

  @Test
  void trainingLeftoversExitOneWithALinePerProblem() {
    for (String[] args :
        List.of(
            new String[] {"inspect", models.resolve("trained").toString()},
            new String[] {"inspect", "--json", models.resolve("trained").toString()})) {
      CliRun r = t2i(args);
      assertEquals(1, r.exit(), r.err());
      List<String> lines = r.err().lines().toList();
      assertTrue(lines.size() >= 3, r.err());
      lines.forEach(l -> assertTrue(l.startsWith("t2i: problem: "), l));
      assertTrue(r.err().contains("optimizer update op ApplyAdam"), r.err());
      assertTrue(r.err().contains("optimizer slot variables"), r.err());
    }
  }

  @Test
  void aGarbledSavedModelIsOneErrorLineWithoutATrace() throws IOException {
    Path garbage = Files.createDirectories(dir.resolve("garbage/1"));
    Files.write(garbage.resolve("saved_model.pb"), new byte[] {0x0f, 0x7f, 0x12, 0x34});
    CliRun r = t2i("inspect", garbage.toString());
    assertEquals(1, r.exit());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertEquals(1, lines.size(), r.err());
    assertTrue(lines.get(0).startsWith("t2i: error: cannot parse "), r.err());

    CliRun missing = t2i("inspect", dir.resolve("nothing").toString());
    assertEquals(1, missing.exit());
    assertEquals(1, missing.err().lines().count(), missing.err());
    assertTrue(missing.err().contains("DIR/<model>/<version>"), missing.err());
  }

  @Test
  void helpSaysAModelFolderMeansItsHighestVersion() {
    CliRun r = t2i("inspect", "--help");
    assertEquals(0, r.exit());
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("DIR/<model>: then its highest numbered version"), r.out());
  }
}
