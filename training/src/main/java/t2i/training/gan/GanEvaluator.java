package t2i.training.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.io.Json;
import t2i.error.UserException;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.embedding.EmbeddingModel;

/**
 * {@code t2i eval gan}: for every record of a split (test classes by default: captions the GAN
 * never trained on), one image drawn from one of its captions, then scored in the joint embedding
 * of the text encoder: R-precision against {@value #CANDIDATES} candidate captions, for the
 * generated and (the upper bound) the real images; and the Fréchet distance between real and
 * generated images in the image encoder's output space (not Inception features: the numbers are not
 * comparable with published FID).
 */
public final class GanEvaluator {
  public static final String FILE = "eval-gan.json";
  public static final int CANDIDATES = 100;

  /** What {@code eval-gan.json} holds. */
  public record Report(
      String run,
      long step,
      String embeddingRun,
      long embeddingStep,
      String split,
      int images,
      int candidates,
      double rPrecisionGenerated,
      double rPrecisionReal,
      double rPrecisionChance,
      int featureDim,
      double frechetGeneratedVsReal,
      double frechetRealHalves,
      long seed) {
    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "run %s, step %d; joint embedding %s, step %d; %s split, %d images, seed %d%n",
              run,
              step,
              embeddingRun,
              embeddingStep,
              split,
              images,
              seed));
      sb.append(String.format(Locale.ROOT, "%-40s %10s %10s%n", "", "generated", "real"));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-40s %9.1f%% %9.1f%%   (chance %.1f%%)%n",
              "R-precision (1 of " + candidates + " captions)",
              100 * rPrecisionGenerated,
              100 * rPrecisionReal,
              100 * rPrecisionChance));
      sb.append(
          String.format(
              Locale.ROOT,
              "%-40s %10.3f %10.3f   (real: one half of the real images vs the other)%n",
              "Frechet distance, joint-embedding space",
              frechetGeneratedVsReal,
              frechetRealHalves));
      sb.append(definitions()).append('\n');
      return sb.toString();
    }

    /** What the scores mean, in one paragraph. */
    public String definitions() {
      return "R-precision: the share of images whose true caption scores highest, by the joint"
          + " embedding's compatibility, among it and "
          + (candidates - 1)
          + " captions of other records. Frechet distance: between Gaussians fitted to the"
          + " image encoder's "
          + featureDim
          + "-d outputs of real and generated images. Neither uses Inception: these numbers"
          + " are not comparable with published IS/FID.";
    }
  }

  private GanEvaluator() {}

  public static Report run(
      Path ganRun, Path embeddingRun, Split split, long seed, int threads, Progress progress)
      throws IOException {
    try (GanModel gan = GanModel.load(ganRun, threads);
        EmbeddingModel encoder =
            EmbeddingModel.load(
                embeddingRun != null ? embeddingRun : gan.embeddingRun(), threads)) {
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
      Dataset dataset = Dataset.open(Path.of(gan.config().dataset()));
      List<TextImageRecord> records = dataset.read(split);
      int n = records.size();
      if (n < 4) {
        throw new UserException("the " + split.fileName() + " split has too few records to score");
      }
      SplittableRandom random = new SplittableRandom(seed);
      Map<String, Integer> rowOf = new LinkedHashMap<>();
      List<int[]> recordRows = new ArrayList<>();
      for (TextImageRecord r : records) {
        recordRows.add(
            r.captions().stream()
                .mapToInt(c -> rowOf.computeIfAbsent(c, k -> rowOf.size()))
                .toArray());
      }
      int[] chosen = new int[n];
      for (int i = 0; i < n; i++) {
        int[] rows = recordRows.get(i);
        chosen[i] = rows[random.nextInt(rows.length)];
      }
      progress.start("encode " + rowOf.size() + " captions", 0);
      float[] texts = encoder.encodeTexts(new ArrayList<>(rowOf.keySet()));
      progress.finish();
      int dim = encoder.dim();
      int zDim = gan.zDim();
      float[] text = new float[n * dim];
      for (int i = 0; i < n; i++) {
        System.arraycopy(texts, chosen[i] * dim, text, i * dim, dim);
      }
      float[] z = Noise.normal(random, n * zDim);
      progress.start("draw and encode " + n + " images", 0);
      float[] generated = encoder.encodePixels(gan.generate(z, text, n), n);
      float[] real = encoder.encodeImages(DecodedSplit.of(records));
      progress.finish();

      int[][] candidates = candidates(recordRows, chosen, rowOf.size(), random);
      progress.start("Frechet distances", 0);
      double fdGenerated = FrechetDistance.between(generated, n, real, n, dim);
      double fdHalves = realHalves(real, n, dim, random);
      progress.finish();
      Report report =
          new Report(
              ganRun.toString(),
              gan.checkpoint().step(),
              encoder.checkpoint().dir().getParent().getParent().toString(),
              encoder.checkpoint().step(),
              split.fileName(),
              n,
              candidates[0].length,
              RPrecision.of(generated, texts, dim, candidates),
              RPrecision.of(real, texts, dim, candidates),
              1.0 / candidates[0].length,
              dim,
              fdGenerated,
              fdHalves,
              seed);
      Json.write(ganRun.resolve(FILE), report);
      return report;
    }
  }

  /**
   * Per record: its chosen caption, then distinct captions that no caption of the record shares
   * (another record may carry the very same text, e.g. skin-tone variants).
   */
  static int[][] candidates(
      List<int[]> recordRows, int[] chosen, int rows, SplittableRandom random) {
    int n = recordRows.size();
    int[][] out = new int[n][];
    for (int i = 0; i < n; i++) {
      Set<Integer> own = new HashSet<>();
      for (int r : recordRows.get(i)) {
        own.add(r);
      }
      int available = rows - own.size();
      int count = Math.min(CANDIDATES, available + 1);
      if (count < 2) {
        throw new UserException("too few distinct captions to rank against");
      }
      Set<Integer> picked = new HashSet<>();
      out[i] = new int[count];
      out[i][0] = chosen[i];
      for (int c = 1; c < count; ) {
        int r = random.nextInt(rows);
        if (!own.contains(r) && picked.add(r)) {
          out[i][c++] = r;
        }
      }
    }
    return out;
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
