package t2i.training.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.io.Json;
import t2i.error.UserException;
import t2i.graph.Dcgan;
import t2i.training.ImageGeometry;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.embedding.RPrecision;
import t2i.training.judge.InceptionScore;
import t2i.training.judge.JudgeEvaluator;
import t2i.training.judge.JudgeEvaluator.Rates;
import t2i.training.judge.JudgeGraph;
import t2i.training.judge.JudgeModel;

/**
 * {@code t2i eval gan}: for every record of a split, one image drawn from one of its captions,
 * scored beside the real images. In the joint embedding of the text encoder: R-precision against
 * {@value RPrecision#CANDIDATES} candidate captions and the Fréchet distance in the image encoder's
 * output space. With a judge ({@code t2i train judge}): the recognition rate (does the judge name
 * the caption's concept and subcategory?), and the Inception Score and Fréchet distance computed
 * with the judge's probabilities and features. None of these uses Inception-v3: the numbers are not
 * comparable with published IS/FID.
 */
public final class GanEvaluator {
  public static final String FILE = "eval-gan.json";

  /** What the judge says of the generated and the real images of a split. */
  public record JudgeScores(
      Rates generated,
      Rates real,
      Double recognitionRatio,
      double inceptionScoreGenerated,
      double inceptionScoreReal,
      int featureDim,
      double frechetGeneratedVsReal,
      double frechetRealHalves) {}

  /** One split's scores; {@code judge} is null when no judge was given. */
  public record SplitReport(
      int images,
      int candidates,
      double rPrecisionGenerated,
      double rPrecisionReal,
      double rPrecisionChance,
      Double rPrecisionRatio,
      double frechetGeneratedVsReal,
      double frechetRealHalves,
      JudgeScores judge) {}

  /**
   * What {@code eval-gan.json} holds.
   *
   * @param judgeReliability the judge's cross-style concept top-1 (null: no judge, or no twin)
   * @param language the language of the captions drawn from, or null for all of a record's
   */
  public record Report(
      String run,
      long step,
      String embeddingRun,
      long embeddingStep,
      int featureDim,
      String judgeRun,
      Long judgeStep,
      Double judgeReliability,
      long seed,
      Map<String, SplitReport> splits,
      String language) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      if (language != null) {
        sb.append("captions in ").append(language).append(" only\n");
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "run %s, step %d; joint embedding %s, step %d; seed %d%n",
              run,
              step,
              embeddingRun,
              embeddingStep,
              seed));
      if (judgeRun != null) {
        sb.append(
            String.format(
                Locale.ROOT,
                "judge %s, step %d; reliability (cross-style concept top-1) %s%n",
                judgeRun,
                judgeStep,
                judgeReliability == null
                    ? "not measured (no twin)"
                    : String.format(Locale.ROOT, "%.1f%%", 100 * judgeReliability)));
      }
      splits.forEach((name, s) -> formatSplit(sb, name, s));
      sb.append(definitions()).append('\n');
      return sb.toString();
    }

    private static void formatSplit(StringBuilder sb, String name, SplitReport s) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%n%s split, %d images%n%-44s %10s %10s %8s%n",
              name,
              s.images(),
              "",
              "generated",
              "real",
              "gen/real"));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %9.1f%% %9.1f%% %8s   (chance %.1f%%)%n",
              "R-precision (1 of " + s.candidates() + " captions)",
              100 * s.rPrecisionGenerated(),
              100 * s.rPrecisionReal(),
              ratioText(s.rPrecisionRatio()),
              100 * s.rPrecisionChance()));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %10.3f %10.3f            (real: one half vs the other)%n",
              "Frechet distance, joint-embedding space",
              s.frechetGeneratedVsReal(),
              s.frechetRealHalves()));
      JudgeScores j = s.judge();
      if (j == null) {
        return;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %9.1f%% %9.1f%% %8s%n",
              "judge: concept top-1 (recognition rate)",
              100 * j.generated().conceptTop1(),
              100 * j.real().conceptTop1(),
              ratioText(j.recognitionRatio())));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %9.1f%% %9.1f%%%n",
              "judge: concept top-5",
              100 * j.generated().conceptTop5(),
              100 * j.real().conceptTop5()));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %9.1f%% %9.1f%%%n",
              "judge: subcategory top-1",
              100 * j.generated().subcategoryTop1(),
              100 * j.real().subcategoryTop1()));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %10.2f %10.2f%n",
              "judge Inception Score (concepts)",
              j.inceptionScoreGenerated(),
              j.inceptionScoreReal()));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-44s %10.3f %10.3f            (real: one half vs the other)%n",
              "judge Frechet distance (" + j.featureDim() + "-d features)",
              j.frechetGeneratedVsReal(),
              j.frechetRealHalves()));
    }

    private static String ratioText(Double ratio) {
      return ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** What the scores mean, in one paragraph. */
    public String definitions() {
      String embedding =
          "R-precision: the share of images whose true caption scores highest, by the joint"
              + " embedding's compatibility, among it and "
              + (RPrecision.CANDIDATES - 1)
              + " captions of other records. Frechet distance: between Gaussians fitted to the"
              + " image encoder's "
              + featureDim
              + "-d outputs of real and generated images.";
      String judge =
          judgeRun == null
              ? " With --judge RUN, a classifier of real images also scores them."
              : " Judge: a classifier trained on the real images only; recognition rate is the"
                  + " share of images it assigns to the concept of the caption they were drawn"
                  + " from; its Inception Score and Frechet distance use the usual formulas on its"
                  + " own probabilities and features.";
      return embedding
          + judge
          + " None uses Inception-v3: the numbers are not comparable with published IS/FID.";
    }
  }

  private GanEvaluator() {}

  /** The file a report is saved as: {@value #FILE}, or one per caption language. */
  public static String fileFor(String language) {
    return language == null ? FILE : "eval-gan-" + language + ".json";
  }

  /** Every caption of each record. */
  public static Report run(
      Path ganRun,
      Path embeddingRun,
      Path judgeRun,
      List<Split> splits,
      long seed,
      int threads,
      Progress progress)
      throws IOException {
    return run(ganRun, embeddingRun, judgeRun, splits, seed, null, threads, progress);
  }

  /**
   * @param embeddingRun the joint embedding to score with, or null for the GAN's own
   * @param judgeRun a judge run, or null to score without one
   * @param language draw from the records' captions in this language alone (records without one are
   *     left out), or null for all captions
   */
  public static Report run(
      Path ganRun,
      Path embeddingRun,
      Path judgeRun,
      List<Split> splits,
      long seed,
      String language,
      int threads,
      Progress progress)
      throws IOException {
    JudgeEvaluator.Report judgeReport = null;
    try (GanModel gan = GanModel.load(ganRun, threads);
        EmbeddingModel encoder =
            EmbeddingModel.load(embeddingRun != null ? embeddingRun : gan.embeddingRun(), threads);
        JudgeModel judge =
            judgeRun == null ? null : JudgeModel.load(judgeRun, JudgeGraph.JUDGE, threads)) {
      check(gan, encoder);
      Dataset dataset = Dataset.open(Path.of(gan.config().dataset()));
      if (judge != null) {
        if (judge.config().concepts() != dataset.manifest().concepts().size()) {
          throw new UserException(
              "the judge "
                  + judgeRun
                  + " names "
                  + judge.config().concepts()
                  + " concepts, the GAN's dataset has "
                  + dataset.manifest().concepts().size()
                  + ": train a judge on "
                  + gan.config().dataset());
        }
        if (!gan.imageGeometry()
            .equals(new ImageGeometry(Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS))) {
          throw new UserException(
              "the judge takes 64x64 RGB images; this GAN makes " + gan.imageGeometry());
        }
        judgeReport =
            JudgeEvaluator.current(judgeRun, judge.checkpoint().step(), threads, progress);
      }
      Map<String, SplitReport> results = new LinkedHashMap<>();
      for (Split split : splits) {
        results.put(
            split.fileName(),
            evaluate(gan, encoder, judge, dataset, split, seed, language, progress));
      }
      Report report =
          new Report(
              ganRun.toString(),
              gan.checkpoint().step(),
              encoder.checkpoint().dir().getParent().getParent().toString(),
              encoder.checkpoint().step(),
              encoder.dim(),
              judgeRun == null ? null : judgeRun.toString(),
              judge == null ? null : judge.checkpoint().step(),
              judgeReport == null ? null : judgeReport.reliability(),
              seed,
              results,
              language);
      Json.write(ganRun.resolve(fileFor(language)), report);
      return report;
    }
  }

  private static void check(GanModel gan, EmbeddingModel encoder) {
    EmbeddingDim.check(
        "the embedding run", encoder.dim(), "the GAN", gan.config().gan().embeddingDim());
    if (encoder.config().imageFeatures() != null) {
      throw new UserException(
          "eval gan scores images with the embedding's image encoder; this embedding run"
              + " encodes precomputed features instead");
    }
    if (!encoder.imageGeometry().equals(gan.imageGeometry())) {
      throw new UserException(
          String.format(
              "eval gan scores the GAN's %s images with the embedding's image encoder, which"
                  + " takes %s images",
              gan.imageGeometry(), encoder.imageGeometry()));
    }
  }

  private static SplitReport evaluate(
      GanModel gan,
      EmbeddingModel encoder,
      JudgeModel judge,
      Dataset dataset,
      Split split,
      long seed,
      String language,
      Progress progress) {
    List<TextImageRecord> records =
        language == null
            ? dataset.read(split)
            : dataset.read(split).stream().flatMap(r -> r.inLanguage(language).stream()).toList();
    if (language != null && records.isEmpty()) {
      throw new UserException(
          "the " + split.fileName() + " split has no captions in '" + language + "'");
    }
    int n = records.size();
    if (n < 4) {
      throw new UserException("the " + split.fileName() + " split has too few records to score");
    }
    SplittableRandom random = new SplittableRandom(seed);
    RPrecision.Setup ranking = RPrecision.Setup.of(records, random);
    progress.start("encode " + ranking.texts().size() + " " + split.fileName() + " captions", 0);
    float[] texts = encoder.encodeTexts(ranking.texts());
    progress.finish();
    int dim = encoder.dim();
    float[] text = new float[n * dim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(texts, ranking.chosen()[i] * dim, text, i * dim, dim);
    }
    float[] z = Noise.normal(random, n * gan.zDim());
    progress.start("draw and encode " + n + " " + split.fileName() + " images", 0);
    float[] pixels = gan.generate(z, text, n);
    float[] generated = encoder.encodePixels(pixels, n);
    DecodedSplit realImages = DecodedSplit.of(records);
    float[] real = encoder.encodeImages(realImages);
    progress.finish();

    progress.start("Frechet distances", 0);
    double fdGenerated = FrechetDistance.between(generated, n, real, n, dim);
    double fdHalves = realHalves(real, n, dim, random);
    progress.finish();
    JudgeScores judged = null;
    if (judge != null) {
      progress.start("judge " + 2 * n + " " + split.fileName() + " images", 0);
      judged =
          judge(
              judge,
              judge.classify(pixels, n),
              judge.classify(realImages),
              records,
              dataset,
              random);
      progress.finish();
    }
    double rGenerated = ranking.score(generated, texts, dim);
    double rReal = ranking.score(real, texts, dim);
    return new SplitReport(
        n,
        ranking.candidateCount(),
        rGenerated,
        rReal,
        ranking.chance(),
        ratio(rGenerated, rReal),
        fdGenerated,
        fdHalves,
        judged);
  }

  static JudgeScores judge(
      JudgeModel judge,
      JudgeModel.Outputs generated,
      JudgeModel.Outputs real,
      List<TextImageRecord> records,
      Dataset dataset,
      SplittableRandom random) {
    int n = records.size();
    int[] concepts =
        records.stream().mapToInt(ClassLevel.CONCEPT.classifier(dataset.manifest())).toArray();
    int[] subcategories = records.stream().mapToInt(TextImageRecord::classId).toArray();
    var c = judge.config();
    Rates g = Rates.of(generated, concepts, subcategories, c);
    Rates r = Rates.of(real, concepts, subcategories, c);
    int f = c.featureDim();
    return new JudgeScores(
        g,
        r,
        ratio(g.conceptTop1(), r.conceptTop1()),
        InceptionScore.of(generated.concepts(), n, c.concepts()),
        InceptionScore.of(real.concepts(), n, c.concepts()),
        f,
        FrechetDistance.between(generated.features(), n, real.features(), n, f),
        realHalves(real.features(), n, f, random));
  }

  /** generated / real, or null when the real score is 0. */
  private static Double ratio(double generated, double real) {
    return real > 0 ? generated / real : null;
  }

  private static double realHalves(float[] real, int n, int dim, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int half = n / 2;
    float[] a = new float[half * dim];
    float[] b = new float[(n - half) * dim];
    for (int i = 0; i < n; i++) {
      if (i < half) {
        System.arraycopy(real, order[i] * dim, a, i * dim, dim);
      } else {
        System.arraycopy(real, order[i] * dim, b, (i - half) * dim, dim);
      }
    }
    return FrechetDistance.between(a, half, b, n - half, dim);
  }
}
