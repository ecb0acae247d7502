package t2i.training.style;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.graph.GanConfig;
import t2i.graph.StyleEncoderConfig;
import t2i.training.run.RunDirectory;

class StyleTrainingConfigTest {
  @TempDir Path dir;

  @Test
  void defaultsAreTheCpuEncoderAndAdam() {
    StyleTrainingConfig c = StyleTrainingConfig.builder("gan", 30, GanConfig.tiny()).build();
    assertEquals("cpu", c.preset());
    assertEquals(StyleEncoderConfig.preset("cpu", 8), c.style());
    assertEquals(64, c.batchSize());
    assertEquals(2e-4f, c.learningRate());
    assertEquals(0.5f, c.beta1());
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void aRunFolderFromBeforePresetNamesStillLoads() throws IOException {
    StyleTrainingConfig c =
        StyleTrainingConfig.builder("gan", 30, GanConfig.tiny()).preset("tiny").build();
    Path run = dir.resolve("old");
    RunDirectory.create(run, StyleTrainer.KIND, c);
    Path file = run.resolve(RunDirectory.CONFIG);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    root.getAsJsonObject("config").remove("preset");
    Files.writeString(file, root.toString());
    StyleTrainingConfig old =
        RunDirectory.open(run, StyleTrainer.KIND).config(StyleTrainingConfig.class);
    assertNull(old.preset());
    assertEquals(c.style(), old.style());
  }
}
