package t2i.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;
import t2i.graph.GanConfig;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/** Saved configurations: exact keys, except the components older versions did not write. */
class RunDirectoryTest {
  @TempDir Path dir;

  @Test
  void runsSavedBeforeImageGeometryWasConfigurableLoadAs64By64Rgb() throws IOException {
    GanTrainingConfig gan = GanTrainingConfig.builder("data", "emb", 16).preset("tiny").build();
    Path ganRun =
        saveWithout(
            "gan",
            GanTrainer.KIND,
            gan,
            c -> {
              c.getAsJsonObject("gan").remove("imageSize");
              c.getAsJsonObject("gan").remove("imageChannels");
            });
    assertEquals(gan, RunDirectory.open(ganRun, GanTrainer.KIND).config(GanTrainingConfig.class));

    StyleTrainingConfig style =
        StyleTrainingConfig.builder("gan", 10, GanConfig.cpu()).preset("tiny").build();
    Path styleRun =
        saveWithout(
            "style",
            StyleTrainer.KIND,
            style,
            c -> {
              c.getAsJsonObject("style").remove("imageSize");
              c.getAsJsonObject("style").remove("imageChannels");
            });
    assertEquals(
        style, RunDirectory.open(styleRun, StyleTrainer.KIND).config(StyleTrainingConfig.class));

    EmbeddingConfig embedding = EmbeddingConfig.builder("data", 20).build();
    Path embeddingRun =
        saveWithout(
            "embedding",
            EmbeddingTrainer.KIND,
            embedding,
            c -> c.getAsJsonObject("image").remove("imageChannels"));
    assertEquals(
        embedding,
        RunDirectory.open(embeddingRun, EmbeddingTrainer.KIND).config(EmbeddingConfig.class));
    assertEquals(64, gan.gan().imageSize());
    assertEquals(3, embedding.image().imageChannels());
  }

  @Test
  void anyOtherMissingNumberIsRefused() throws IOException {
    GanTrainingConfig gan = GanTrainingConfig.builder("data", "emb", 16).preset("tiny").build();
    Path run =
        saveWithout("gan", GanTrainer.KIND, gan, c -> c.getAsJsonObject("gan").remove("ngf"));
    UserException e =
        assertThrows(
            UserException.class,
            () -> RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class));
    assertTrue(e.getMessage().contains("config.gan lacks [ngf]"), e.getMessage());
  }

  @Test
  void anUnknownSavedNameIsReportedAsSuch() throws IOException {
    GanTrainingConfig gan = GanTrainingConfig.builder("data", "emb", 16).preset("tiny").build();
    Path run = saveWithout("gan", GanTrainer.KIND, gan, c -> c.addProperty("loss", "wgan"));
    UserException e =
        assertThrows(
            UserException.class,
            () -> RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class));
    assertTrue(
        e.getMessage()
            .endsWith(
                "config.loss is 'wgan', which this version does not know"
                    + " [gan, cls, int, int-cls]"),
        e.getMessage());
  }

  private Path saveWithout(String name, String kind, Record config, Consumer<JsonObject> edit)
      throws IOException {
    Path run = dir.resolve(name);
    RunDirectory.create(run, kind, config);
    Path file = run.resolve(RunDirectory.CONFIG);
    JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
    edit.accept(root.getAsJsonObject("config"));
    Files.writeString(file, root.toString());
    return run;
  }
}
