package t2i.training.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToIntFunction;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.io.Json;
import t2i.training.embedding.ZeroShotEvaluation.Scores;

/**
 * {@code t2i eval embedding}: a run's latest checkpoint judged per split by instance retrieval
 * (R-precision of the real images: does an emoji's caption rank first among 100?) and by Reed's
 * zero-shot scores at both class levels.
 */
public final class EmbeddingEvaluator {
  public static final String FILE = "eval-embedding.json";

  /** The seed of the captions R-precision draws; fixed, so runs compare on the same draw. */
  public static final long R_PRECISION_SEED = 0;

  /**
   * One split's scores.
   *
   * @param records the split's records (one image each)
   * @param rPrecisionReal R-precision of the real images (1 of {@code candidates} captions)
   * @param rPrecisionChance 1 / candidates
   * @param subcategory zero-shot scores with the dataset's classes
   * @param concept zero-shot scores with concepts as classes
   * @param rPrecisionBySubcategory the real images' R-precision within each of the split's classes
   *     (subcategories), by class name, largest class first; null in files written before it
   * @param byLanguage on data with captions in several languages, the same scores with each
   *     language's captions alone (a record's caption and its 99 rivals, and the class means, all
   *     in that language), by language code; null with one language
   */
  public record SplitScores(
      int records,
      double rPrecisionReal,
      int candidates,
      double rPrecisionChance,
      Scores subcategory,
      Scores concept,
      Map<String, ClassRetrieval> rPrecisionBySubcategory,
      Map<String, SplitScores> byLanguage) {}

  /** R-precision within one class: its images and the share whose caption ranked first. */
  public record ClassRetrieval(int images, double rPrecision) {}

  /** What {@code eval-embedding.json} holds. */
  public record Report(
      String run,
      long step,
      String dataset,
      ClassLevel classLevel,
      Map<String, SplitScores> splits) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "run %s, step %d, trained on %s classes, dataset %s%n",
              run,
              step,
              classLevel == null ? "?" : classLevel.label(),
              dataset));
      sb.append(
          String.format(
              Locale.ROOT, "%-9s %7s %14s %8s%n", "split", "images", "R-precision", "chance"));
      splits.forEach(
          (name, s) ->
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%-9s %7d %13.1f%% %7.1f%%   (real images, 1 of %d captions)%n",
                      name,
                      s.records(),
                      100 * s.rPrecisionReal(),
                      100 * s.rPrecisionChance(),
                      s.candidates())));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-9s %-11s %7s %8s %9s %8s %8s %9s%n",
              "split",
              "level",
              "classes",
              "top-1",
              "per-class",
              "chance",
              "AP@50",
              "chance"));
      splits.forEach(
          (name, s) -> {
            zeroShotRow(sb, name, ClassLevel.CONCEPT, s.concept());
            zeroShotRow(sb, name, ClassLevel.SUBCATEGORY, s.subcategory());
          });
      splits.forEach(
          (name, s) -> {
            if (s.byLanguage() != null) {
              sb.append(
                  String.format(
                      Locale.ROOT,
                      "%-9s %-9s %7s %12s %14s %18s%n",
                      "split",
                      "language",
                      "images",
                      "R-precision",
                      "concept top-1",
                      "subcategory top-1"));
              s.byLanguage()
                  .forEach(
                      (language, l) ->
                          sb.append(
                              String.format(
                                  Locale.ROOT,
                                  "%-9s %-9s %7d %11.1f%% %13.1f%% %17.1f%%%n",
                                  name,
                                  language,
                                  l.records(),
                                  100 * l.rPrecisionReal(),
                                  100 * l.concept().top1(),
                                  100 * l.subcategory().top1())));
            }
          });
      sb.append(definitions()).append('\n');
      return sb.toString();
    }

    /** R-precision within each class of each split, a line per class. */
    public String formatPerClass() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%-9s %-28s %7s %12s%n",
              "split",
              "subcategory",
              "images",
              "R-precision"));
      splits.forEach(
          (name, s) ->
              (s.rPrecisionBySubcategory() == null
                      ? Map.<String, ClassRetrieval>of()
                      : s.rPrecisionBySubcategory())
                  .forEach(
                      (cls, r) ->
                          sb.append(
                              String.format(
                                  Locale.ROOT,
                                  "%-9s %-28s %7d %11.1f%%%n",
                                  name,
                                  cls,
                                  r.images(),
                                  100 * r.rPrecision()))));
      return sb.toString();
    }

    private static void zeroShotRow(StringBuilder sb, String split, ClassLevel level, Scores s) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-9s %-11s %7d %7.1f%% %8.1f%% %7.1f%% %7.1f%% %8.1f%%%n",
              split,
              level.label(),
              s.classes(),
              100 * s.top1(),
              100 * s.top1ClassMean(),
              100 * s.chanceTop1(),
              100 * s.ap50(),
              100 * s.chanceAp50()));
    }

    /** What the scores mean, in one paragraph. */
    public String definitions() {
      return "R-precision: the share of real images whose own caption (one drawn per record, seed "
          + R_PRECISION_SEED
          + ") scores highest among it and "
          + (RPrecision.CANDIDATES - 1)
          + " captions of other records of the split. top-1: images assigned to the class whose"
          + " mean caption embedding scores highest; per-class: mean of per-class accuracies;"
          + " AP@50: text-to-image retrieval with each class's mean caption embedding as the"
          + " query. Classes are concepts (an emoji with its skin tones and styles) or"
          + " subcategories. Chance: 1/classes; AP@50 ~ share of relevant images.";
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
      Map<String, SplitScores> results = new LinkedHashMap<>();
      for (Split split : splits) {
        results.put(split.fileName(), evaluate(model, dataset, split, progress));
      }
      Report report =
          new Report(
              runDir.toString(),
              model.checkpoint().step(),
              datasetDir.toString(),
              c.classLevel(),
              results);
      Json.write(runDir.resolve(FILE), report);
      return report;
    }
  }

  private static SplitScores evaluate(
      EmbeddingModel model, Dataset dataset, Split split, Progress progress) {
    List<TextImageRecord> records = dataset.read(split);
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
    List<String> all = new ArrayList<>(distinctCaptions(records));
    progress.start("encode " + all.size() + " " + split.fileName() + " captions", 0);
    float[] embedded = model.encodeTexts(all);
    progress.finish();
    int dim = model.dim();
    Map<String, Integer> rowOf = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      rowOf.put(all.get(i), i);
    }
    TextTable table = new TextTable(rowOf, embedded, dim);
    progress.start("retrieval and zero-shot scores", 0);
    SplitScores scores = score(records, images, table, dataset, true);
    List<String> languages =
        records.stream().flatMap(r -> r.captionLanguages().stream()).distinct().sorted().toList();
    if (languages.size() > 1) {
      Map<String, SplitScores> byLanguage = new LinkedHashMap<>();
      for (String language : languages) {
        List<Integer> kept = new ArrayList<>();
        List<TextImageRecord> inLanguage = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
          TextImageRecord r = records.get(i);
          int at = i;
          r.inLanguage(language)
              .ifPresent(
                  only -> {
                    kept.add(at);
                    inLanguage.add(only);
                  });
        }
        float[] keptImages = new float[kept.size() * dim];
        for (int i = 0; i < kept.size(); i++) {
          System.arraycopy(images, kept.get(i) * dim, keptImages, i * dim, dim);
        }
        byLanguage.put(language, score(inLanguage, keptImages, table, dataset, false));
      }
      scores =
          new SplitScores(
              scores.records(),
              scores.rPrecisionReal(),
              scores.candidates(),
              scores.rPrecisionChance(),
              scores.subcategory(),
              scores.concept(),
              scores.rPrecisionBySubcategory(),
              byLanguage);
    }
    progress.finish();
    return scores;
  }

  /** Embedded captions: a row per distinct caption. */
  private record TextTable(Map<String, Integer> rowOf, float[] embeddings, int dim) {
    /** The embeddings of {@code texts}, in order. */
    float[] rows(List<String> texts) {
      float[] out = new float[texts.size() * dim];
      for (int i = 0; i < texts.size(); i++) {
        System.arraycopy(embeddings, rowOf.get(texts.get(i)) * dim, out, i * dim, dim);
      }
      return out;
    }
  }

  private static List<String> distinctCaptions(List<TextImageRecord> records) {
    java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
    records.forEach(r -> out.addAll(r.captions()));
    return List.copyOf(out);
  }

  /** R-precision (one caption per record, seed 0) and zero-shot scores of these records. */
  private static SplitScores score(
      List<TextImageRecord> records,
      float[] images,
      TextTable table,
      Dataset dataset,
      boolean perClass) {
    int dim = table.dim();
    RPrecision.Setup ranking = RPrecision.Setup.of(records, new SplittableRandom(R_PRECISION_SEED));
    float[] texts = table.rows(ranking.texts());
    List<String> captionTexts = new ArrayList<>();
    List<TextImageRecord> captionRecords = new ArrayList<>();
    for (TextImageRecord r : records) {
      for (String caption : r.captions()) {
        captionTexts.add(caption);
        captionRecords.add(r);
      }
    }
    float[] captions = table.rows(captionTexts);
    Scores subcategory =
        zeroShot(images, records, captions, captionRecords, dim, TextImageRecord::classId);
    Scores concept =
        zeroShot(
            images,
            records,
            captions,
            captionRecords,
            dim,
            ClassLevel.CONCEPT.classifier(dataset.manifest()));
    return new SplitScores(
        records.size(),
        ranking.score(images, texts, dim),
        ranking.candidateCount(),
        ranking.chance(),
        subcategory,
        concept,
        perClass ? bySubcategory(records, ranking.hits(images, texts, dim)) : null,
        null);
  }

  /** The hits grouped by the records' classes, largest class first, then by name. */
  static Map<String, ClassRetrieval> bySubcategory(List<TextImageRecord> records, boolean[] hits) {
    Map<String, int[]> counts = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      int[] c = counts.computeIfAbsent(records.get(i).className(), k -> new int[2]);
      c[0]++;
      c[1] += hits[i] ? 1 : 0;
    }
    Map<String, ClassRetrieval> out = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Comparator.comparing((Map.Entry<String, int[]> e) -> -e.getValue()[0])
                .thenComparing(Map.Entry::getKey))
        .forEach(
            e ->
                out.put(
                    e.getKey(),
                    new ClassRetrieval(
                        e.getValue()[0], (double) e.getValue()[1] / e.getValue()[0])));
    return out;
  }

  private static Scores zeroShot(
      float[] images,
      List<TextImageRecord> records,
      float[] captions,
      List<TextImageRecord> captionRecords,
      int dim,
      ToIntFunction<TextImageRecord> classOf) {
    return ZeroShotEvaluation.evaluate(
        images,
        records.stream().mapToInt(classOf).toArray(),
        captions,
        captionRecords.stream().mapToInt(classOf).toArray(),
        dim);
  }
}
