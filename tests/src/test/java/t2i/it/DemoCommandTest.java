package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.cli.CliRun;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.AtomicDirectory;
import t2i.export.BundleManifest;
import t2i.serving.testing.StandInModels;
import t2i.training.run.Checkpoints;

/** The demo pipeline with tiny networks and a budget of seconds. */
class DemoCommandTest {
  @TempDir Path dir;

  static CliRun t2i(String... args) {
    return CliRun.of(args);
  }

  /** The demo without the layout pipeline. */
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
        "--no-scenes",
        "--threads",
        "1");
  }

  /** The whole demo, the layout pipeline on a scenes fixture included. */
  CliRun demoWithScenes(Path dataset, Path scenes, Path out, String minutes) {
    return t2i(
        "demo",
        "--data",
        dataset.toString(),
        "--scenes-data",
        scenes.toString(),
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
    Path scenes = EmojiFixture.buildScenesDataset(dir, 30);
    Path out = dir.resolve("demo");
    // A clone with a bundled model: a stand-in text2image and its manifest.
    Path home = dir.resolve("clone");
    StandInModels.text2image(home.resolve("models"), 1);
    BundleManifest.write(home.resolve("models"));
    String previousHome = System.getProperty("t2i.home");
    System.setProperty("t2i.home", home.toString());
    try {
      runsEveryStageThenReusesThem(dataset, scenes, out);
    } finally {
      if (previousHome == null) {
        System.clearProperty("t2i.home");
      } else {
        System.setProperty("t2i.home", previousHome);
      }
    }
  }

  private void runsEveryStageThenReusesThem(Path dataset, Path scenes, Path out)
      throws IOException {
    CliRun first = demoWithScenes(dataset, scenes, out, "0.3");
    assertEquals(0, first.exit(), first.err());
    int pretrainedLine = first.err().indexOf("[0/13] pretrained model (bundled in models/)");
    assertTrue(pretrainedLine >= 0, first.err());
    assertTrue(
        pretrainedLine < first.err().indexOf("[1/13] emoji dataset"),
        "the bundled model's pictures come first: " + first.err());
    assertTrue(first.out().contains("[0/13] pretrained model (bundled in models/), made:"));
    for (String file :
        new String[] {
          "pretrained.png",
          "models/text2image/1/saved_model.pb",
          "models/style/1/saved_model.pb",
          "models/text_encoder/1/saved_model.pb",
          "gan/demo-samples.png",
          "gan/interpolation-text.png",
          "gan/interpolation-noise.png",
          "style/style-transfer.png",
          "embedding/eval-embedding.json",
          "gan/eval-gan.json",
          "style/eval-style.json",
          "models/text2layout/1/saved_model.pb",
          "models/text2scene/1/saved_model.pb",
          "boxes/samples/latest.png",
          "shapes/samples/latest.png",
          "layout-image/samples/latest.png",
          "layout-image/scene-1.png",
          "layout-image/scene-4.png",
          "boxes/eval-boxes.json",
          "shapes/eval-shapes.json",
          "boxes/report.html",
          "shapes/report.html",
          "layout-image/report.html"
        }) {
      assertTrue(Files.isRegularFile(out.resolve(file)), file + "\n" + first.err());
    }
    assertTrue(first.out().contains("The demo wrote:"), first.out());
    assertTrue(first.out().contains("[4/13] GAN-INT-CLS, cpu preset, made:"), first.out());
    assertTrue(first.out().contains("records  "), "the dataset summary: " + first.out());
    assertTrue(first.err().contains("[1/13] emoji dataset: reusing"), first.err());
    assertTrue(first.err().contains("[6/13] emoji scenes dataset: reusing"), first.err());
    assertTrue(first.out().contains("[10/13] layout image generator, made:"), first.out());
    assertTrue(
        first.out().contains("filled boxes (baseline)"), "the shape evaluation: " + first.out());
    long ganStep = Checkpoints.latestOf(out.resolve("gan")).step();

    Map<Path, FileTime> before = modificationTimes(out);
    long started = System.nanoTime();
    CliRun again = demoWithScenes(dataset, scenes, out, "0.3");
    double seconds = (System.nanoTime() - started) / 1e9;
    assertEquals(0, again.exit(), again.err());
    for (String line :
        new String[] {
          "[0/13] pretrained model (bundled in models/)",
          "[1/13] emoji dataset: reusing",
          "[2/13] text encoder (DS-SJE): done",
          "[3/13] caption embeddings: reusing",
          "[4/13] GAN-INT-CLS, cpu preset: done",
          "[5/13] style encoder: done",
          "[7/13] box generator: done",
          "[8/13] scene caption embeddings: reusing",
          "[9/13] shape generator: done",
          "[10/13] layout image generator: done",
          "[11/13] export: reusing",
          "[12/13] pictures and evaluations: reusing",
          "[13/13] report: reusing"
        }) {
      assertTrue(again.err().contains(line), line + " in:\n" + again.err());
    }
    assertEquals(ganStep, Checkpoints.latestOf(out.resolve("gan")).step(), "nothing retrained");
    assertTrue(again.out().contains("[13/13] report, reused:"), again.out());
    assertTrue(!again.out().contains(", made:"), again.out());
    // Reused means untouched: no file under the demo folder was written again.
    assertEquals(before, modificationTimes(out), "files rewritten by the second run");
    System.out.printf("second demo run, every stage reused: %.1f s%n", seconds);

    // As after a Ctrl-C one second into the GAN stage: its checkpoint says so, and the style
    // stage has not begun. The export, pictures and reports on disk come from the old GAN.
    AtomicDirectory.deleteRecursively(out.resolve("style"));
    Path latest = out.resolve("gan/checkpoints/latest.json");
    Files.writeString(
        latest,
        Files.readString(latest)
            .replaceAll("\"elapsedSeconds\": [0-9.E]+", "\"elapsedSeconds\": 1.0"));
    CliRun resumed = demoWithScenes(dataset, scenes, out, "0.3");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("[4/13] GAN-INT-CLS, cpu preset: resuming"), resumed.err());
    assertTrue(
        resumed.err().contains("resuming " + out.resolve("gan") + " at step " + ganStep),
        resumed.err());
    assertTrue(Checkpoints.latestOf(out.resolve("gan")).step() > ganStep);
    assertTrue(resumed.err().contains("[3/13] caption embeddings: reusing"), resumed.err());
    // What derives from the runs is made again from their new checkpoints, not reused.
    for (String line :
        new String[] {"[11/13] export", "[12/13] pictures and evaluations", "[13/13] report"}) {
      assertTrue(resumed.err().lines().anyMatch(line::equals), line + " in:\n" + resumed.err());
    }
    assertTrue(
        resumed.out().contains("wrote " + out.resolve("models/text2image/1")), resumed.out());
    assertTrue(resumed.err().contains("held-out L_style"), resumed.err());
  }

  @Test
  void aDemoFolderKeepsItsDatasetAndItsRunsInStep() throws IOException {
    Path dataset = EmojiFixture.buildDataset(dir);
    Path out = dir.resolve("demo");
    assertEquals(0, demo(dataset, out, "0.1").exit());

    // The same dataset, named another way, is the same dataset.
    CliRun sameData = demo(dataset.resolve("..").resolve(dataset.getFileName()), out, "0.1");
    assertEquals(0, sameData.exit(), sameData.err());
    assertTrue(
        sameData.err().contains("[6/13] emoji scenes dataset: skipped (--no-scenes)"),
        sameData.err());
    assertTrue(!Files.exists(out.resolve("models/text2scene")), "no layout pipeline exported");
    assertTrue(sameData.err().contains("no bundled model in "), sameData.err());
    assertTrue(!Files.exists(out.resolve("pretrained.png")));
    assertTrue(sameData.err().contains("[13/13] report: reusing"), sameData.err());

    Path other = dir.resolve("other-dataset");
    CliRun elsewhere = demo(other, out, "0.1");
    assertEquals(1, elsewhere.exit());
    assertTrue(elsewhere.err().contains("holds a demo of the dataset " + dataset), elsewhere.err());
    assertTrue(!Files.exists(other), "nothing built for the refused dataset");

    // A text encoder deleted under a GAN that trained on it: refused, not silently retrained.
    AtomicDirectory.deleteRecursively(out.resolve("embedding"));
    CliRun orphan = demo(dataset, out, "0.1");
    assertEquals(1, orphan.exit());
    assertTrue(
        orphan.err().contains("was trained on a text encoder (DS-SJE) that is no longer in"),
        orphan.err());
    assertTrue(orphan.err().contains("--fresh"), orphan.err());
    assertTrue(!Files.exists(out.resolve("embedding")), "nothing retrained");
  }

  private static Map<Path, FileTime> modificationTimes(Path folder) throws IOException {
    Map<Path, FileTime> times = new TreeMap<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        times.put(folder.relativize(f), Files.getLastModifiedTime(f));
      }
    }
    return times;
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
