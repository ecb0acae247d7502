package t2i.training.style;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.io.Json;
import t2i.training.ImageGeometry;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanModel;
import t2i.training.gan.Noise;

/**
 * {@code t2i eval style}: Reed et al.'s disentanglement test on the emoji data. Real test-class
 * images are encoded by S; pairs are scored by the cosine similarity of their codes, and the ROC
 * AUC says how well that separates pairs of the same group from pairs of different groups, for two
 * groupings: art style (google / twitter), and skin tone (records with exactly one skin-tone
 * modifier). Also {@code L_style} on samples of G with test-class captions.
 */
public final class StyleEvaluator {
  public static final String FILE = "eval-style.json";
  static final int HELD_OUT_SAMPLES = 1024;

  /** What {@code eval-style.json} holds. */
  public record Report(
      String run,
      long step,
      String gan,
      long ganStep,
      String ganLoss,
      double heldOutLoss,
      int heldOutSamples,
      int zDim,
      Grouping artStyle,
      Grouping skinTone) {

    /** What the scores mean, in one paragraph. */
    public String definitions() {
      return String.format(
          Locale.ROOT,
          "AUC: ROC area of cosine similarity of S(x) for same-group vs different-group pairs of"
              + " real test-class images (0.5 = chance); art style: %d images, groups %s;"
              + " skin tone: %s. L_style: mean ||z - S(G(z, phi(t)))||^2 over %d samples with"
              + " test-class captions (z has %d dimensions, so S(x) = 0 would score about %d).",
          artStyle.images(),
          artStyle.groups(),
          skinTone == null
              ? "too few toned records"
              : skinTone.images() + " images with one modifier",
          heldOutSamples,
          zDim,
          zDim);
    }
  }

  /** One grouping's AUC. */
  public record Grouping(
      String name,
      int images,
      List<String> groups,
      double auc,
      long samePairs,
      long differentPairs) {}

  private StyleEvaluator() {}

  public static Report run(Path styleRun, int threads, Progress progress) throws IOException {
    try (StyleModel style = StyleModel.load(styleRun, threads);
        GanModel gan = GanModel.load(Path.of(style.config().gan()), style.checkpoint(), threads)) {
      Dataset dataset = Dataset.open(Path.of(gan.config().dataset()));
      List<TextImageRecord> records = dataset.read(Split.TEST);
      progress.start("encode " + records.size() + " test images with S", 0);
      float[] codes = style.encode(pixels(DecodedSplit.of(records), style), records.size());
      progress.finish();
      int zDim = style.config().style().zDim();
      String[] styles = records.stream().map(TextImageRecord::style).toArray(String[]::new);
      Grouping art = grouping("art style", codes, zDim, styles);
      List<Integer> toned = new ArrayList<>();
      List<String> tones = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        String tone = skinTone(records.get(i).key());
        if (tone != null) {
          toned.add(i);
          tones.add(tone);
        }
      }
      Grouping skin = null;
      if (new TreeSet<>(tones).size() >= 2) {
        float[] toneCodes = new float[toned.size() * zDim];
        for (int i = 0; i < toned.size(); i++) {
          System.arraycopy(codes, toned.get(i) * zDim, toneCodes, i * zDim, zDim);
        }
        skin = grouping("skin tone", toneCodes, zDim, tones.toArray(new String[0]));
      }
      progress.start("held-out L_style on " + HELD_OUT_SAMPLES + " samples", 0);
      double heldOut = heldOutLoss(gan, style, HELD_OUT_SAMPLES, style.config().seed() + 99);
      progress.finish();
      Report report =
          new Report(
              styleRun.toString(),
              style.checkpoint().step(),
              style.config().gan(),
              style.config().ganStep(),
              gan.config().loss().toString(),
              heldOut,
              HELD_OUT_SAMPLES,
              zDim,
              art,
              skin);
      Json.write(styleRun.resolve(FILE), report);
      return report;
    }
  }

  /** The batch mean of ‖z − S(G(z, φ(t)))‖², t drawn from test-class records. */
  static double heldOutLoss(GanModel gan, StyleModel style, int n, long seed) {
    CaptionEmbeddings embeddings = CaptionEmbeddings.read(Path.of(gan.config().embeddings()));
    SplittableRandom random = new SplittableRandom(seed);
    int e = embeddings.dim();
    int zDim = gan.zDim();
    float[] text = new float[n * e];
    int records = embeddings.records(Split.TEST);
    for (int i = 0; i < n; i++) {
      embeddings.addMean(
          Split.TEST,
          random.nextInt(records),
          gan.config().captionsAveraged(),
          random,
          text,
          i * e);
    }
    float[] z = Noise.normal(random, n * zDim);
    float[] recovered = style.encode(gan.generate(z, text, n), n);
    double sum = 0;
    for (int i = 0; i < z.length; i++) {
      double d = z[i] - recovered[i];
      sum += d * d;
    }
    return sum / n;
  }

  private static Grouping grouping(String name, float[] codes, int dim, String[] labels) {
    RocAuc.Result r = RocAuc.sameGroup(codes, dim, labels);
    return new Grouping(
        name,
        labels.length,
        List.copyOf(new TreeSet<>(List.of(labels))),
        r.auc(),
        r.samePairs(),
        r.differentPairs());
  }

  /** The one skin-tone modifier (U+1F3FB–1F3FF) in an emoji's code points, else null. */
  static String skinTone(String key) {
    String tone = null;
    for (String part : key.toUpperCase(Locale.ROOT).split("[-_ ]")) {
      if (part.matches("1F3F[B-F]")) {
        if (tone != null && !tone.equals(part)) {
          return null;
        }
        tone = part;
      }
    }
    return tone;
  }

  /** The split's images centre-cropped to the side S takes. */
  private static float[] pixels(DecodedSplit data, StyleModel style) {
    ImageGeometry geometry = style.imageGeometry();
    geometry.checkFeeds(data, "the style encoder");
    return data.centreCrops(0, data.size(), geometry.side());
  }

  /** The table of several runs' reports (GAN-INT-CLS beside GAN-CLS or plain GAN). */
  public static String format(List<Report> reports) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "%-30s %-8s %9s %14s %14s%n",
            "style run",
            "GAN loss",
            "L_style",
            "AUC art style",
            "AUC skin tone"));
    for (Report r : reports) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%-30s %-8s %9.2f %14.3f %14s%n",
              r.run(),
              r.ganLoss(),
              r.heldOutLoss(),
              r.artStyle().auc(),
              r.skinTone() == null
                  ? "n/a"
                  : String.format(Locale.ROOT, "%.3f", r.skinTone().auc())));
    }
    sb.append(reports.get(0).definitions()).append(System.lineSeparator());
    return sb.toString();
  }
}
