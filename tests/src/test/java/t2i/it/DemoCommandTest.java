package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.cli.CliRun;
import t2i.data.emoji.EmojiFixture;
import t2i.training.run.Checkpoints;

/** The demo pipeline with tiny networks and a budget of seconds. */
class DemoCommandTest {
  @TempDir Path dir;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  CliRun demo(Path dataset, Path out, String minutes) {
    return t2i(
        "demo",
        "--data",
        dataset.toString(),
        "--out",
        out.toString(),
        "--minutes",
        minutes,
        "--tiny",
        "--threads",
        "1");
  }

  @Test
  void runsEveryStageThenReusesThemAndResumesAnUnfinishedOne() throws IOException {
    Path dataset = EmojiFixture.buildDataset(dir);
    Path out = dir.resolve("demo");
    CliRun first = demo(dataset, out, "0.3");
    assertEquals(0, first.exit(), first.err());
    for (String file :
        new String[] {
          "models/text2image/1/saved_model.pb",
          "models/style/1/saved_model.pb",
          "models/text_encoder/1/saved_model.pb",
          "gan/demo-samples.png",
          "gan/interpolation-text.png",
          "gan/interpolation-noise.png",
          "style/style-transfer.png",
          "embedding/eval-embedding.json",
          "gan/eval-gan.json",
          "style/eval-style.json"
        }) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + "\n" + first.err());
    }
    assertTrue(first.out().contains("The demo wrote:"), first.out());
    assertTrue(first.out().contains("records  "), "the dataset summary: " + first.out());
    assertTrue(first.err().contains("[1/8] emoji dataset: reusing"), first.err());
    long ganStep = Checkpoints.latestOf(out.resolve("gan")).step();

    CliRun again = demo(dataset, out, "0.3");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("[2/8] text encoder (DS-SJE): done"), again.err());
    assertTrue(again.err().contains("[4/8] GAN-INT-CLS, cpu preset: done"), again.err());
    assertTrue(again.err().contains("[3/8] caption embeddings: reusing"), again.err());
    assertEquals(ganStep, Checkpoints.latestOf(out.resolve("gan")).step(), "nothing retrained");

    // As after a Ctrl-C one second into the GAN stage: its checkpoint says so, and the later
    // stages have not begun.
    t2i.data.io.AtomicDirectory.deleteRecursively(out.resolve("style"));
    t2i.data.io.AtomicDirectory.deleteRecursively(out.resolve("models"));
    Path latest = out.resolve("gan/checkpoints/latest.json");
    Files.writeString(
        latest,
        Files.readString(latest)
            .replaceAll("\"elapsedSeconds\": [0-9.E]+", "\"elapsedSeconds\": 1.0"));
    CliRun resumed = demo(dataset, out, "0.3");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("[4/8] GAN-INT-CLS, cpu preset: resuming"), resumed.err());
    assertTrue(
        resumed.err().contains("resuming " + out.resolve("gan") + " at step " + ganStep),
        resumed.err());
    assertTrue(Checkpoints.latestOf(out.resolve("gan")).step() > ganStep);
  }

  @Test
  void aFolderThatIsNotADemoIsRefused() throws IOException {
    Path other = Files.createDirectories(dir.resolve("mine"));
    Files.writeString(other.resolve("notes.txt"), "keep me");
    CliRun r = t2i("demo", "--out", other.toString(), "--data", dir.resolve("nothing").toString());
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("is not a t2i demo folder"), r.err());
    assertTrue(Files.exists(other.resolve("notes.txt")));
  }
}
