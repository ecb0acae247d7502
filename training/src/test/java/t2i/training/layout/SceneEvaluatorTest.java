package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.ClassLevel;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.data.scenes.Box;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.run.RunDirectory;
import t2i.training.scenejudge.Crops;
import t2i.training.scenejudge.SceneJudge;
import t2i.training.scenejudge.SceneJudgeConfig;
import t2i.training.scenejudge.TinySceneJudges;

/**
 * {@code t2i eval scenes}'s machinery on a scenes fixture, with tiny trained judge and embedding.
 */
class SceneEvaluatorTest {
  @TempDir static Path dir;
  static Path dataset;
  static Path judge;
  static Path embedding;
  static SceneJudgeConfig judgeConfig;

  @BeforeAll
  static void fixture() throws IOException {
    dataset = EmojiFixture.buildScenesDataset(dir, 40);
    judgeConfig = TinySceneJudges.config(dataset, 1);
    judge = TinySceneJudges.train(dir.resolve("judge"), judgeConfig, 2);
    embedding = tinyEmbedding(dataset, dir.resolve("embedding"));
  }

  /** The tiny encoders trained two steps on the scenes (class: the largest object's emoji). */
  static Path tinyEmbedding(Path dataset, Path run) throws IOException {
    EmbeddingConfig c =
        EmbeddingConfig.defaultsFor(dataset, ClassLevel.CONCEPT)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(4)
            .seed(2)
            .build();
    assertFalse(c.flip(), "scene captions say left and right: no mirroring");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    try (EmbeddingTrainer t = new EmbeddingTrainer(c, run, null, 1, Progress.NONE)) {
      t.trainStep();
      t.trainStep();
      t.checkpoint(1.0);
    }
    return run;
  }

  @Test
  void theRealRowComesFirstAndEveryFigureIsMeasured() throws IOException {
    int n = judgeConfig.reservedTestScenes();
    SceneEvaluator.Setup setup = SceneEvaluator.setup(dataset, Split.TEST, n, 3);
    assertEquals(n, setup.scenes().size());
    assertEquals(SceneMetrics.captions(setup.scenes(), 3), setup.captions());
    // a generator's row plugs in as RenderedScenes: here the real images with layouts shifted
    RenderedScenes moved = shifted(SceneMetrics.real(setup.scenes(), setup.captions()));
    SceneEvaluation e =
        SceneEvaluator.evaluate(setup, judge, embedding, List.of(moved), 1, Progress.NONE);
    assertEquals(2, e.rows().size());
    SceneMetrics.Row real = e.rows().get(0);
    assertEquals(SceneMetrics.REAL, real.condition());
    assertEquals("moved", e.rows().get(1).condition());
    int objects = setup.scenes().stream().mapToInt(s -> s.objects().size()).sum();
    assertEquals(objects, real.objects());
    assertTrue(real.emojiObjects() > 0, "the scenes' own layouts: emoji scored");
    assertEquals(0, e.rows().get(1).emojiObjects(), "moved layouts: emoji not scored");
    assertEquals(n, real.captionFacts().pairs());
    java.util.Set<String> heldOut = SceneEvaluator.heldOutEmoji(dataset);
    assertFalse(heldOut.isEmpty(), "the fixture's test split holds out emoji");
    for (SceneRecord t : t2i.data.scenes.SceneDataset.open(dataset).read(Split.TRAINVAL)) {
      t.objects().forEach(o -> assertFalse(heldOut.contains(o.emojiKey()), o.emojiKey()));
    }
    long heldOutObjects =
        setup.scenes().stream()
            .flatMap(s -> s.objects().stream())
            .filter(o -> heldOut.contains(o.emojiKey()))
            .count();
    assertEquals(heldOutObjects, real.heldOutObjects());
    assertNotNull(real.rPrecision());
    assertTrue(real.frechet() >= 0);
    assertNotNull(e.candidates());
    assertEquals(Split.VALIDATION.fileName(), e.referenceSplit());
    assertTrue(e.format().contains(SceneMetrics.REAL), e.format());
    // the same inputs, the same figures
    SceneEvaluation again =
        SceneEvaluator.evaluate(setup, judge, embedding, List.of(moved), 1, Progress.NONE);
    assertEquals(e.rows(), again.rows());
  }

  @Test
  void theJudgeMayNotScoreScenesItTrainedOn() {
    SceneEvaluator.Setup tooMany =
        SceneEvaluator.setup(dataset, Split.TEST, judgeConfig.reservedTestScenes() + 1, 0);
    UserException e =
        assertThrows(
            UserException.class,
            () -> SceneEvaluator.evaluate(tooMany, judge, null, List.of(), 1, Progress.NONE));
    assertTrue(e.getMessage().contains("--scenes " + judgeConfig.reservedTestScenes()));
  }

  @Test
  void aJudgeThatKnowsEveryRealObjectScoresTheCeilingOfTheDeterministicFigures() {
    SceneEvaluator.Setup setup = SceneEvaluator.setup(dataset, Split.TEST, 0, 5);
    SceneJudge perfect = new LookupJudge(setup.scenes());
    SceneMetrics m =
        new SceneMetrics(perfect, null, setup.scenes(), new float[0], 1, java.util.Set.of(), 5);
    SceneMetrics.Row r = m.score(SceneMetrics.real(setup.scenes(), setup.captions()));
    assertEquals(1.0, r.classTop1());
    assertEquals(r.objects(), r.emojiObjects());
    assertEquals(1.0, r.emojiTop1());
    assertEquals(1.0, r.backgroundTop1());
    BoxEvaluation.Group g = r.captionFacts();
    assertEquals(1.0, g.recall());
    assertEquals(1.0, g.f1());
    assertTrue(g.relations() > 0, "the fixture's captions state relations");
    assertEquals(1.0, g.relationAccuracy());
    if (g.positions() > 0) {
      assertEquals(1.0, g.positionAccuracy());
    }
  }

  /** The same images with every box moved a quarter of its width right (where it fits). */
  static RenderedScenes shifted(RenderedScenes r) {
    List<List<LayoutObject>> layouts = new ArrayList<>();
    for (List<LayoutObject> l : r.layouts()) {
      layouts.add(
          l.stream()
              .map(
                  o -> {
                    Box b = o.box();
                    double x = Math.min(1 - b.w(), b.x() + b.w() / 4);
                    double dx = x == b.x() ? -Math.min(b.x(), b.w() / 4) : x - b.x();
                    return new LayoutObject(o.classId(), new Box(b.x() + dx, b.y(), b.w(), b.h()));
                  })
              .toList());
    }
    return new RenderedScenes("moved", r.side(), r.images(), layouts, r.captions());
  }

  /** Knows each real crop and background input of the scenes it was given, by their pixels. */
  static final class LookupJudge implements SceneJudge {
    private static final int SIDE = 8;
    private final List<String> classes;
    private final List<String> emoji;
    private final List<String> backgrounds;
    private final Map<Integer, int[]> objects = new HashMap<>();
    private final Map<Integer, Integer> places = new HashMap<>();

    LookupJudge(List<SceneRecord> scenes) {
      classes = new ArrayList<>();
      for (int c = 0; c < 20; c++) {
        classes.add("class " + c);
      }
      emoji =
          scenes.stream()
              .flatMap(s -> s.objects().stream())
              .map(o -> o.emojiKey())
              .distinct()
              .sorted()
              .toList();
      backgrounds = scenes.stream().map(SceneRecord::background).distinct().sorted().toList();
      float[] images = SceneMetrics.images(scenes);
      int side = scenes.get(0).size();
      List<List<Box>> boxes = scenes.stream().map(SceneRecord::boxes).toList();
      float[] crops = Crops.crops(images, side, boxes, 0, SIDE);
      int j = 0;
      for (SceneRecord s : scenes) {
        for (SceneRecord.Item o : s.objects()) {
          objects.put(
              key(crops, j++, SIDE * SIDE * 3),
              new int[] {o.classId(), emoji.indexOf(o.emojiKey())});
        }
      }
      float[] inputs = Crops.backgrounds(images, side, boxes, SIDE);
      for (int i = 0; i < scenes.size(); i++) {
        places.put(
            key(inputs, i, SIDE * SIDE * 4), backgrounds.indexOf(scenes.get(i).background()));
      }
    }

    static int key(float[] rows, int row, int length) {
      return Arrays.hashCode(Arrays.copyOfRange(rows, row * length, (row + 1) * length));
    }

    @Override
    public List<String> classNames() {
      return classes;
    }

    @Override
    public List<String> emojiKeys() {
      return emoji;
    }

    @Override
    public List<String> backgrounds() {
      return backgrounds;
    }

    @Override
    public ObjectScores objects(float[] images, int side, List<List<Box>> boxes) {
      float[] crops = Crops.crops(images, side, boxes, 0, SIDE);
      int n = crops.length / (SIDE * SIDE * 3);
      float[] c = new float[n * classes.size()];
      float[] e = new float[n * emoji.size()];
      for (int j = 0; j < n; j++) {
        int[] label = objects.getOrDefault(key(crops, j, SIDE * SIDE * 3), new int[] {0, 0});
        c[j * classes.size() + label[0]] = 1;
        e[j * emoji.size() + label[1]] = 1;
      }
      return new ObjectScores(n, c, e);
    }

    @Override
    public float[] backgrounds(float[] images, int side, List<List<Box>> boxes) {
      float[] inputs = Crops.backgrounds(images, side, boxes, SIDE);
      float[] out = new float[boxes.size() * backgrounds.size()];
      for (int i = 0; i < boxes.size(); i++) {
        out[i * backgrounds.size() + places.getOrDefault(key(inputs, i, SIDE * SIDE * 4), 0)] = 1;
      }
      return out;
    }
  }
}
