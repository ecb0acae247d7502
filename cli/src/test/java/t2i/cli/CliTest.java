package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;

/** The command line as a user meets it: exit codes, stdout, and one-line errors on stderr. */
class CliTest {
  @TempDir Path dir;
  Path tarballs;
  Path sources;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @BeforeEach
  void fixture() throws IOException {
    tarballs = dir.resolve("tarballs");
    sources = dir.resolve("sources.json");
    Json.write(sources, EmojiFixture.writeTarballs(tarballs));
  }

  CliRun buildFixture(String out) {
    return run(
        "data",
        "emoji",
        "--from",
        tarballs.toString(),
        "--sources",
        sources.toString(),
        "--out",
        dir.resolve(out).toString());
  }

  /** Exit 1, one "t2i: error:" line that says what to do, and no stack trace. */
  static void assertOneLineError(CliRun r, String expected) {
    assertEquals(1, r.exit(), r.err());
    List<String> errors = r.err().lines().filter(l -> l.startsWith("t2i: error: ")).toList();
    assertEquals(1, errors.size(), r.err());
    assertTrue(errors.get(0).contains(expected), r.err());
    assertTrue(
        r.err().lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
        "stack trace printed:\n" + r.err());
  }

  @Test
  void helpAndNoArgumentsPrintUsage() {
    CliRun help = run("--help");
    assertEquals(0, help.exit());
    assertTrue(help.out().contains("Usage: t2i"));
    assertTrue(help.out().contains("data"));
    assertEquals(0, run().exit());
    for (String[] sub :
        new String[][] {
          {"data", "emoji", "--help"},
          {"data", "reed", "--help"},
          {"data", "info", "--help"},
          {"data", "preview", "--help"},
          {"data", "scenes", "--help"},
          {"data", "coco", "--help"},
          {"bench", "data", "--help"},
          {"demo", "--help"}
        }) {
      CliRun r = run(sub);
      assertEquals(0, r.exit(), String.join(" ", sub));
      assertTrue(r.out().contains("Usage: t2i " + sub[0]), r.out());
    }
  }

  @Test
  void scenesBuildInfoJsonAndPreview() throws IOException {
    Path scenes = dir.resolve("scenes");
    CliRun build =
        run(
            "data",
            "scenes",
            "--from",
            tarballs.toString(),
            "--sources",
            sources.toString(),
            "--scenes",
            "20",
            "--out",
            scenes.toString());
    assertEquals(0, build.exit(), build.err());
    assertTrue(build.out().contains("(trainval 20, validation 1, test 2)"), build.out());
    assertTrue(build.out().contains("objects/scene"), build.out());

    CliRun json = run("data", "info", scenes.toString(), "--json");
    assertEquals(0, json.exit(), json.err());
    assertEquals(
        23,
        JsonParser.parseString(json.out())
            .getAsJsonObject()
            .getAsJsonObject("scenes")
            .getAsJsonObject("scenesPerSplit")
            .entrySet()
            .stream()
            .mapToInt(e -> e.getValue().getAsInt())
            .sum());

    Path png = dir.resolve("preview/scenes.png");
    CliRun preview = run("data", "preview", scenes.toString(), "--n", "2", "--out", png.toString());
    assertEquals(0, preview.exit(), preview.err());
    assertTrue(ImageIO.read(png.toFile()).getHeight() > 2 * 256, "two rows of 256-pixel scenes");
    assertOneLineError(
        run(
            "data",
            "scenes",
            "--from",
            tarballs.toString(),
            "--sources",
            sources.toString(),
            "--out",
            scenes.toString()),
        "--force");
  }

  @Test
  void buildInfoVerifyJsonPreviewAndBench() throws IOException {
    CliRun build = buildFixture("ds");
    assertEquals(0, build.exit(), build.err());
    assertTrue(build.out().contains("records       32 ("), build.out());
    assertTrue(build.out().contains("styles        google 16, twitter 16"), build.out());

    CliRun info = run("data", "info", dir.resolve("ds").toString(), "--verify");
    assertEquals(0, info.exit(), info.err());
    assertTrue(info.out().contains("classes       9 ("), info.out());
    assertTrue(info.out().contains("checksums: all"), info.out());

    CliRun json = run("data", "info", dir.resolve("ds").toString(), "--json");
    assertEquals(
        32, JsonParser.parseString(json.out()).getAsJsonObject().get("records").getAsInt());

    Path png = dir.resolve("preview/p.png");
    CliRun preview =
        run("data", "preview", dir.resolve("ds").toString(), "--n", "3", "--out", png.toString());
    assertEquals(0, preview.exit(), preview.err());
    BufferedImage image = ImageIO.read(png.toFile());
    assertTrue(image.getHeight() > 3 * 64, "three rows of 64-pixel images with captions");

    CliRun bench =
        run(
            "bench",
            "data",
            "--data",
            dir.resolve("ds").toString(),
            "--batch",
            "4",
            "--batches",
            "5",
            "--warmup",
            "1");
    assertEquals(0, bench.exit(), bench.err());
    assertTrue(bench.out().contains("batches/s"), bench.out());
  }

  @Test
  void existingDatasetIsKeptUnlessForced() throws IOException {
    assertEquals(0, buildFixture("ds").exit());
    String manifest = Files.readString(dir.resolve("ds/manifest.json"));
    assertOneLineError(buildFixture("ds"), "--force");
    assertEquals(manifest, Files.readString(dir.resolve("ds/manifest.json")));
  }

  @Test
  void classLevelIsRecordedAndCannotChangeOnResume() throws IOException {
    assertEquals(0, buildFixture("ds").exit());
    String data = dir.resolve("ds").toString();
    String run = dir.resolve("emb").toString();
    CliRun trained =
        run(
            "train",
            "embedding",
            "--data",
            data,
            "--out",
            run,
            "--text-preset",
            "tiny",
            "--image-preset",
            "tiny",
            "--class-level",
            "subcategory",
            "--steps",
            "2",
            "--threads",
            "1");
    assertEquals(0, trained.exit(), trained.err());
    assertTrue(
        Files.readString(dir.resolve("emb/config.json"))
            .contains("\"classLevel\": \"subcategory\""));
    assertOneLineError(
        run(
            "train",
            "embedding",
            "--resume",
            "--out",
            run,
            "--class-level",
            "concept",
            "--steps",
            "3"),
        "--class-level");
    assertEquals(
        2,
        run(
                "train",
                "embedding",
                "--data",
                data,
                "--out",
                dir.resolve("e2").toString(),
                "--class-level",
                "species")
            .exit());
    CliRun judge =
        run(
            "train",
            "judge",
            "--data",
            data,
            "--out",
            dir.resolve("judge").toString(),
            "--width",
            "4",
            "--batch",
            "8",
            "--steps",
            "2",
            "--threads",
            "1");
    assertEquals(0, judge.exit(), judge.err());
    CliRun eval = run("eval", "judge", dir.resolve("judge").toString(), "--threads", "1");
    assertEquals(0, eval.exit(), eval.err());
    assertTrue(eval.out().contains("twin (google only) on other styles"), eval.out());
  }

  @Test
  void knownErrorsAreOneLineWithoutStackTrace() throws IOException {
    assertOneLineError(run("data", "info", dir.resolve("missing").toString()), "t2i data emoji");
    assertOneLineError(
        run("bench", "data", "--data", dir.resolve("missing").toString()), "no dataset at");
    assertOneLineError(
        run(
            "data",
            "emoji",
            "--styles",
            "apple",
            "--from",
            tarballs.toString(),
            "--out",
            dir.resolve("x").toString()),
        "not openly licensed");
    // Pinned digests do not match the fixture tarballs.
    assertOneLineError(
        run("data", "emoji", "--from", tarballs.toString(), "--out", dir.resolve("y").toString()),
        "SHA-512 digest does not match");
    assertFalse(Files.exists(dir.resolve("y")));
    Files.writeString(dir.resolve("bad.json"), "{\"artByStyle\": 3}");
    assertOneLineError(
        run(
            "data",
            "emoji",
            "--from",
            tarballs.toString(),
            "--sources",
            dir.resolve("bad.json").toString(),
            "--out",
            dir.resolve("z").toString()),
        "bad.json");
    assertOneLineError(
        run(
            "data",
            "emoji",
            "--npm",
            dir.resolve("no-npm").toString(),
            "--cache",
            dir.resolve("cache").toString(),
            "--out",
            dir.resolve("w").toString()),
        "install Node.js and npm");
  }

  @Test
  void demoNeverTouchesAFolderThatIsNotADataset() throws IOException {
    Path mine = dir.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    for (String[] args :
        new String[][] {
          {"demo", "--data", mine.toString(), "--out", dir.resolve("demo-out").toString()},
          {
            "demo",
            "--fresh",
            "--data",
            mine.toString(),
            "--out",
            dir.resolve("demo-out").toString()
          }
        }) {
      assertOneLineError(run(args), "is not a t2i dataset");
      assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
      assertTrue(!Files.exists(dir.resolve("demo-out")), "nothing written before the check");
    }
  }

  @Test
  void usageErrorsExitWithTwo() {
    CliRun r = run("data", "emoji", "--no-such-option");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("Unknown option"), r.err());
  }
}
