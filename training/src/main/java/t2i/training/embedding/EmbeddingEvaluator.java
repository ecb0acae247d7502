package t2i.training.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.io.Json;
import t2i.training.embedding.ZeroShotEvaluation.Scores;

/** {@code t2i eval embedding}: zero-shot scores of a run's latest checkpoint, per split. */
public final class EmbeddingEvaluator {
  public static final String FILE = "eval-embedding.json";

  /** What {@code eval-embedding.json} holds. */
  public record Report(String run, long step, String dataset, Map<String, Scores> splits) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "run %s, step %d, dataset %s%n", run, step, dataset));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-9s %7s %7s %8s %9s %8s %8s %9s%n",
              "split",
              "classes",
              "images",
              "top-1",
              "per-class",
              "chance",
              "AP@50",
              "chance"));
      splits.forEach(
          (name, s) ->
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%-9s %7d %7d %7.1f%% %8.1f%% %7.1f%% %7.1f%% %8.1f%%%n",
                      name,
                      s.classes(),
                      s.images(),
                      100 * s.top1(),
                      100 * s.top1ClassMean(),
                      100 * s.chanceTop1(),
                      100 * s.ap50(),
                      100 * s.chanceAp50())));
      sb.append(definitions()).append('\n');
      return sb.toString();
    }

    /** What the scores mean, in one paragraph. */
    public String definitions() {
      return "top-1: images assigned to the class whose mean caption embedding scores highest;"
          + " per-class: mean of per-class accuracies; AP@50: text-to-image retrieval with each"
          + " class's mean caption embedding as the query. Chance: 1/classes; AP@50 ~ share of"
          + " relevant images.";
    }
  }

  private EmbeddingEvaluator() {}

  public static Report run(
      Path runDir, Path datasetOverride, List<Split> splits, int threads, Progress progress)
      throws IOException {
    try (EmbeddingModel model = EmbeddingModel.load(runDir, threads)) {
      EmbeddingConfig c = model.config();
      Path datasetDir = datasetOverride != null ? datasetOverride : Path.of(c.dataset());
      Dataset dataset = Dataset.open(datasetDir);
      Map<String, Scores> results = new LinkedHashMap<>();
      for (Split split : splits) {
        results.put(split.fileName(), evaluate(model, dataset, split, progress));
      }
      Report report =
          new Report(runDir.toString(), model.checkpoint().step(), datasetDir.toString(), results);
      Json.write(runDir.resolve(FILE), report);
      return report;
    }
  }

  private static Scores evaluate(
      EmbeddingModel model, Dataset dataset, Split split, Progress progress) {
    List<TextImageRecord> records = dataset.read(split);
    int[] imageClasses = records.stream().mapToInt(TextImageRecord::classId).toArray();
    float[] images;
    EmbeddingConfig c = model.config();
    if (c.imageFeatures() != null) {
      ImageFeatures f =
          ImageFeatures.load(Path.of(c.imageFeatures()), dataset, split, c.image().featureDim());
      images = model.encodeFeatures(f, records.size());
    } else {
      progress.start("encode " + split.fileName() + " images", 0);
      images = model.encodeImages(DecodedSplit.of(records));
      progress.finish();
    }
    // Each distinct caption is encoded once; every record's captions count towards its class.
    Map<String, Integer> row = new LinkedHashMap<>();
    List<Integer> captionRows = new ArrayList<>();
    List<Integer> captionClasses = new ArrayList<>();
    for (TextImageRecord r : records) {
      for (String caption : r.captions()) {
        captionRows.add(row.computeIfAbsent(caption, k -> row.size()));
        captionClasses.add(r.classId());
      }
    }
    progress.start("encode " + split.fileName() + " captions", 0);
    float[] distinct = model.encodeTexts(new ArrayList<>(row.keySet()));
    progress.finish();
    int dim = model.dim();
    float[] captions = new float[captionRows.size() * dim];
    for (int i = 0; i < captionRows.size(); i++) {
      System.arraycopy(distinct, captionRows.get(i) * dim, captions, i * dim, dim);
    }
    return ZeroShotEvaluation.evaluate(
        images,
        imageClasses,
        captions,
        captionClasses.stream().mapToInt(Integer::intValue).toArray(),
        dim);
  }
}
