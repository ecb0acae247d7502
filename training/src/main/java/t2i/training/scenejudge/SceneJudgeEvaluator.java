package t2i.training.scenejudge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.Box;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;

/**
 * {@code t2i eval scene-judge}: how far the scene judge can be trusted, on the validation scenes,
 * which it never trained on: the object network's class and emoji top-1 on their objects' crops,
 * the background network's top-1; and the twin, trained on one art style, on the validation objects
 * of the other styles (cross-style: a generator's pictures are another style again) and of its own.
 */
public final class SceneJudgeEvaluator {
  public static final String FILE = "eval-scene-judge.json";

  /**
   * Top-1 rates over a set of objects.
   *
   * @param objects objects scored for their class
   * @param classTop1 share whose most probable class is theirs
   * @param emojiObjects of those, objects whose emoji the emoji head has
   * @param emojiTop1 share of those whose most probable emoji is theirs (null when none)
   */
  public record ObjectRates(int objects, double classTop1, int emojiObjects, Double emojiTop1) {
    String format(String what) {
      return String.format(
          Locale.ROOT,
          "%-48s %8d %9.1f%% %9s%n",
          what,
          objects,
          100 * classTop1,
          emojiTop1 == null ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * emojiTop1));
    }
  }

  /**
   * What {@code eval-scene-judge.json} holds.
   *
   * @param validation the judge on the validation objects
   * @param backgroundScenes validation scenes whose background the head has
   * @param backgroundTop1 the background network's top-1 on them
   * @param twinCrossStyle the twin on the validation objects of the other styles (null: no twin)
   * @param twinOwnStyle the twin on those of its style
   */
  public record Report(
      String run,
      long step,
      int classes,
      int emoji,
      int backgrounds,
      String twinStyle,
      ObjectRates validation,
      int backgroundScenes,
      double backgroundTop1,
      ObjectRates twinCrossStyle,
      ObjectRates twinOwnStyle) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "scene judge %s, step %d; %d classes, %d emoji, %d backgrounds (chance top-1 %.1f%%"
                  + " / %.2f%% / %.1f%%)%n",
              run,
              step,
              classes,
              emoji,
              backgrounds,
              100.0 / classes,
              100.0 / emoji,
              100.0 / backgrounds));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-48s %8s %10s %10s%n",
              "validation scenes",
              "objects",
              "class",
              "emoji"));
      sb.append(validation.format("judge"));
      if (twinCrossStyle != null) {
        sb.append(twinCrossStyle.format("twin (" + twinStyle + " only) on the other styles"));
        sb.append(twinOwnStyle.format("twin on " + twinStyle));
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%-48s %8d %9.1f%%%n",
              "background (scenes)",
              backgroundScenes,
              100 * backgroundTop1));
      sb.append(
          "The judge never trained on the validation scenes. Cross-style recognition is its"
              + " reliability on pictures drawn otherwise than it learnt.\n");
      return sb.toString();
    }

    /**
     * The figure printed beside every score the judge gives: the twin's cross-style class top-1.
     */
    public Double reliability() {
      return twinCrossStyle == null ? null : twinCrossStyle.classTop1();
    }
  }

  private SceneJudgeEvaluator() {}

  public static Report run(Path runDir, int threads, Progress progress) throws IOException {
    Report report;
    try (SceneJudgeModel judge = SceneJudgeModel.load(runDir, SceneJudgeGraph.OBJECTS, threads)) {
      SceneJudgeConfig c = judge.config();
      progress.start("read the validation scenes", 0);
      List<SceneRecord> records = SceneDataset.open(Path.of(c.dataset())).read(Split.VALIDATION);
      progress.finish();
      if (records.isEmpty()) {
        throw new UserException(c.dataset() + " has no validation scenes to test the judge on");
      }
      SceneJudgeData all = SceneJudgeData.of(records, c);
      progress.start("judge " + all.items().size() + " validation objects", 0);
      ObjectRates validation = rates(judge, all);
      float[] images = images(all);
      List<List<Box>> boxes = all.scenes().stream().map(SceneJudgeData.Scene::boxes).toList();
      float[] bg = judge.backgrounds(images, all.side(), boxes);
      int scenes = 0;
      int hits = 0;
      for (int s = 0; s < all.scenes().size(); s++) {
        int label = all.scenes().get(s).background();
        if (label >= 0) {
          scenes++;
          hits += SceneJudge.argMax(bg, s, c.backgrounds().size()) == label ? 1 : 0;
        }
      }
      progress.finish();
      ObjectRates cross = null;
      ObjectRates own = null;
      if (c.twinStyle() != null) {
        try (SceneJudgeModel twin = SceneJudgeModel.load(runDir, SceneJudgeGraph.TWIN, threads)) {
          progress.start("twin on " + all.items().size() + " validation objects", 0);
          cross = rates(twin, all.ofStyle(c.twinStyle(), true));
          own = rates(twin, all.ofStyle(c.twinStyle(), false));
          progress.finish();
        }
      }
      report =
          new Report(
              runDir.toString(),
              judge.checkpoint().step(),
              c.classes(),
              c.emoji(),
              c.backgrounds().size(),
              c.twinStyle(),
              validation,
              scenes,
              scenes == 0 ? 0 : (double) hits / scenes,
              cross,
              own);
    }
    Json.write(runDir.resolve(FILE), report);
    return report;
  }

  /** The run's {@value #FILE} if it is of the latest checkpoint, else a new evaluation. */
  public static Report current(Path runDir, long latestStep, int threads, Progress progress)
      throws IOException {
    Path file = runDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      Report r = Json.read(file, Report.class);
      if (r.step() == latestStep) {
        return r;
      }
    }
    return run(runDir, threads, progress);
  }

  /** A judge's top-1 rates on the objects of {@code d} at their true boxes. */
  static ObjectRates rates(SceneJudge judge, SceneJudgeData d) {
    List<List<Box>> boxes = new ArrayList<>();
    for (SceneJudgeData.Scene s : d.scenes()) {
      boxes.add(s.boxes());
    }
    SceneJudge.ObjectScores o = judge.objects(images(d), d.side(), boxes);
    int kc = judge.classNames().size();
    int ke = judge.emojiKeys().size();
    int classHits = 0;
    int emojiObjects = 0;
    int emojiHits = 0;
    // The scores come image by image, box by box: the order of d's items.
    for (int i = 0; i < d.items().size(); i++) {
      SceneJudgeData.Item item = d.items().get(i);
      classHits += o.topClass(i, kc) == item.classId() ? 1 : 0;
      if (item.emoji() >= 0) {
        emojiObjects++;
        emojiHits += o.topEmoji(i, ke) == item.emoji() ? 1 : 0;
      }
    }
    int n = d.items().size();
    return new ObjectRates(
        n,
        n == 0 ? 0 : (double) classHits / n,
        emojiObjects,
        emojiObjects == 0 ? null : (double) emojiHits / emojiObjects);
  }

  private static float[] images(SceneJudgeData d) {
    int length = d.side() * d.side() * 3;
    float[] out = new float[d.scenes().size() * length];
    for (int s = 0; s < d.scenes().size(); s++) {
      System.arraycopy(d.pixels(s), 0, out, s * length, length);
    }
    return out;
  }
}
