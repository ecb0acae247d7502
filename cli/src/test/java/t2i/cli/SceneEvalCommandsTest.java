package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.training.layout.SceneEvaluation;
import t2i.training.layout.SceneMetrics;
import t2i.training.scenejudge.SceneJudgeEvaluator;

/** train scene-judge → eval scene-judge; train embedding → eval scenes, as a user types them. */
class SceneEvalCommandsTest {
  @TempDir static Path dir;
  static Path scenes;
  static Path judge;
  static Path embedding;
  static int reserved;

  @BeforeAll
  static void trainTinyRuns() throws IOException {
    scenes = EmojiFixture.buildScenesDataset(dir, 40);
    judge = dir.resolve("judge");
    CliRun train =
        CliRun.of(
            "train",
            "scene-judge",
            "--data",
            scenes.toString(),
            "--width",
            "4",
            "--batch",
            "4",
            "--steps",
            "2",
            "--threads",
            "1",
            "--out",
            judge.toString());
    assertEquals(0, train.exit(), train.err());
    reserved = SceneDataset.open(scenes).dataset().manifest().records(Split.TEST) / 2;
    assertTrue(
        train.err().contains(reserved + " test scenes reserved for t2i eval scenes"), train.err());
    embedding = dir.resolve("embedding");
    CliRun embed =
        CliRun.of(
            "train",
            "embedding",
            "--data",
            scenes.toString(),
            "--text-preset",
            "tiny",
            "--image-preset",
            "tiny",
            "--batch",
            "4",
            "--steps",
            "2",
            "--threads",
            "1",
            "--out",
            embedding.toString());
    assertEquals(0, embed.exit(), embed.err());
  }

  @Test
  void theJudgeIsMeasuredOnTheValidationScenesAndRefusesToChangeOnResume() {
    CliRun r = CliRun.of("eval", "scene-judge", judge.toString(), "--threads", "1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("twin (google only) on the other styles"), r.out());
    assertTrue(Files.isRegularFile(judge.resolve(SceneJudgeEvaluator.FILE)));
    CliTest.assertOneLineError(
        CliRun.of(
            "train",
            "scene-judge",
            "--resume",
            "--width",
            "8",
            "--steps",
            "3",
            "--out",
            judge.toString()),
        "--width");
  }

  @Test
  void evalScenesPrintsTheRealRowAndWritesJson() throws IOException {
    Path json = dir.resolve("scenes.json");
    CliRun r =
        CliRun.of(
            "eval",
            "scenes",
            "--judge",
            judge.toString(),
            "--embedding",
            embedding.toString(),
            "--threads",
            "1",
            "--json",
            json.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(reserved + " test scenes"), r.out());
    assertTrue(r.out().lines().anyMatch(l -> l.startsWith(SceneMetrics.REAL)), r.out());
    SceneEvaluation e = Json.read(json, SceneEvaluation.class);
    assertEquals(reserved, e.scenes());
    assertEquals(1, e.rows().size());
    assertTrue(e.rows().get(0).rPrecision() != null && e.rows().get(0).frechet() != null);
  }

  @Test
  void evalScenesRefusesScenesTheJudgeTrainedOn() {
    CliTest.assertOneLineError(
        CliRun.of(
            "eval",
            "scenes",
            "--judge",
            judge.toString(),
            "--scenes",
            String.valueOf(reserved + 1),
            "--threads",
            "1"),
        "--scenes " + reserved);
  }
}
