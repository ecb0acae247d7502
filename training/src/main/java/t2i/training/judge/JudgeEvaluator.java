package t2i.training.judge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.TextImageRecord;
import t2i.data.io.Json;

/**
 * {@code t2i eval judge}: how far the judge can be trusted. Its twin, trained on one art style, is
 * tested on the records of the other styles (cross-style recognition: a generator's pictures are
 * another style again); the judge itself is scored on the images it trained on (fit, not
 * generalisation).
 */
public final class JudgeEvaluator {
  public static final String FILE = "eval-judge.json";

  /** Recognition rates over a set of images. */
  public record Rates(int images, double conceptTop1, double conceptTop5, double subcategoryTop1) {
    /** The rates of a judge's outputs against the true labels. */
    public static Rates of(
        JudgeModel.Outputs o, int[] concepts, int[] subcategories, JudgeConfig c) {
      return new Rates(
          o.n(),
          Recognition.topK(o.concepts(), concepts, c.concepts(), 1),
          Recognition.topK(o.concepts(), concepts, c.concepts(), 5),
          Recognition.topK(o.subcategories(), subcategories, c.subcategories(), 1));
    }

    String format(String what) {
      return String.format(
          Locale.ROOT,
          "%-44s %7d %9.1f%% %9.1f%% %9.1f%%%n",
          what,
          images,
          100 * conceptTop1,
          100 * conceptTop5,
          100 * subcategoryTop1);
    }
  }

  /**
   * What {@code eval-judge.json} holds.
   *
   * @param crossStyle the twin on the styles it never saw (null without a twin)
   * @param twinOwnStyle the twin on the style it trained on
   * @param judgeTraining the judge on every record (its training images)
   */
  public record Report(
      String run,
      long step,
      int concepts,
      int subcategories,
      String twinStyle,
      Rates crossStyle,
      Rates twinOwnStyle,
      Rates judgeTraining) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "judge %s, step %d; %d concepts, %d subcategories (chance top-1 %.2f%% / %.1f%%)%n",
              run,
              step,
              concepts,
              subcategories,
              100.0 / concepts,
              100.0 / subcategories));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %7s %10s %10s %10s%n",
              "",
              "images",
              "concept",
              "top-5",
              "subcat."));
      if (crossStyle != null) {
        sb.append(crossStyle.format("twin (" + twinStyle + " only) on other styles"));
        sb.append(twinOwnStyle.format("twin on " + twinStyle + " (its training images)"));
      }
      sb.append(judgeTraining.format("judge on all records (its training images)"));
      sb.append(
          "Cross-style recognition is the judge's reliability: how well a classifier trained on"
              + " one art style names pictures drawn in another.\n");
      return sb.toString();
    }

    /** The figure printed beside every score the judge gives (null without a twin). */
    public Double reliability() {
      return crossStyle == null ? null : crossStyle.conceptTop1();
    }
  }

  private JudgeEvaluator() {}

  public static Report run(Path runDir, int threads, Progress progress) throws IOException {
    Report report;
    try (JudgeModel judge = JudgeModel.load(runDir, JudgeGraph.JUDGE, threads)) {
      JudgeConfig c = judge.config();
      Dataset dataset = Dataset.open(Path.of(c.dataset()));
      List<TextImageRecord> all = JudgeData.allRecords(dataset, progress);
      List<TextImageRecord> own = new ArrayList<>();
      List<TextImageRecord> other = new ArrayList<>();
      for (TextImageRecord r : all) {
        (r.style().equals(c.twinStyle()) ? own : other).add(r);
      }
      progress.start("judge " + all.size() + " images", 0);
      Rates judgeTraining = rates(judge, JudgeData.of(dataset, all), c);
      progress.finish();
      Rates cross = null;
      Rates ownRates = null;
      if (c.twinStyle() != null) {
        try (JudgeModel twin = JudgeModel.load(runDir, JudgeGraph.TWIN, threads)) {
          progress.start("twin on " + all.size() + " images", 0);
          cross = rates(twin, JudgeData.of(dataset, other), c);
          ownRates = rates(twin, JudgeData.of(dataset, own), c);
          progress.finish();
        }
      }
      report =
          new Report(
              runDir.toString(),
              judge.checkpoint().step(),
              c.concepts(),
              c.subcategories(),
              c.twinStyle(),
              cross,
              ownRates,
              judgeTraining);
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

  private static Rates rates(JudgeModel model, JudgeData d, JudgeConfig c) {
    return Rates.of(model.classify(d.images()), d.concepts(), d.subcategories(), c);
  }
}
