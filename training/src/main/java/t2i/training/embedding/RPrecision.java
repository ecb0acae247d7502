package t2i.training.embedding;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import t2i.data.TextImageRecord;
import t2i.error.UserException;

/**
 * R-precision with R = 1 (AttnGAN's text–image retrieval score): for each image, its true caption
 * and mismatched ones are ranked by the joint embedding's compatibility θ(x)ᵀφ(t); the score is the
 * share of images whose true caption ranks strictly first. Chance is 1 / candidates.
 */
public final class RPrecision {
  public static final int CANDIDATES = 100;

  /**
   * What to rank for a list of records: the distinct captions as rows, each record's chosen
   * caption, and per record its candidates (the chosen row first).
   */
  public record Setup(List<String> texts, int[] chosen, int[][] candidates) {
    /**
     * One caption per record drawn from {@code random}, then {@value #CANDIDATES} − 1 distinct
     * captions of other records (fewer if the records have fewer).
     */
    public static Setup of(List<TextImageRecord> records, SplittableRandom random) {
      Map<String, Integer> rowOf = new LinkedHashMap<>();
      List<int[]> recordRows = new ArrayList<>();
      for (TextImageRecord r : records) {
        recordRows.add(
            r.captions().stream()
                .mapToInt(c -> rowOf.computeIfAbsent(c, k -> rowOf.size()))
                .toArray());
      }
      int[] chosen = new int[records.size()];
      for (int i = 0; i < chosen.length; i++) {
        int[] rows = recordRows.get(i);
        chosen[i] = rows[random.nextInt(rows.length)];
      }
      return new Setup(
          List.copyOf(rowOf.keySet()),
          chosen,
          RPrecision.candidates(recordRows, chosen, rowOf.size(), random));
    }

    /**
     * Each image's given caption (one of its own), then {@value #CANDIDATES} − 1 distinct captions
     * of other images that none of its own captions equals (fewer if there are fewer). The rows are
     * every distinct caption of the images, in order; the same captions and seed give the same
     * candidates, so that images drawn for the same captions are ranked against the same ones.
     *
     * @param captions per image, all its captions
     * @param chosen per image, the caption it was drawn for
     */
    public static Setup forChosen(
        List<List<String>> captions, List<String> chosen, SplittableRandom random) {
      checkArgument(captions.size() == chosen.size(), "need one chosen caption per image");
      Map<String, Integer> rowOf = new LinkedHashMap<>();
      List<int[]> recordRows = new ArrayList<>();
      for (List<String> own : captions) {
        recordRows.add(
            own.stream().mapToInt(c -> rowOf.computeIfAbsent(c, k -> rowOf.size())).toArray());
      }
      int[] rows = new int[chosen.size()];
      for (int i = 0; i < rows.length; i++) {
        checkArgument(
            captions.get(i).contains(chosen.get(i)),
            "image %s was drawn for '%s', which is not one of its captions",
            i,
            chosen.get(i));
        rows[i] = rowOf.get(chosen.get(i));
      }
      return new Setup(
          List.copyOf(rowOf.keySet()),
          rows,
          RPrecision.candidates(recordRows, rows, rowOf.size(), random));
    }

    /** Candidates per image (the same for every image but on tiny splits). */
    public int candidateCount() {
      return candidates[0].length;
    }

    public double chance() {
      return 1.0 / candidateCount();
    }

    /** The score of images θ(x) (row i: record i) against the texts' φ(t), in row order. */
    public double score(float[] images, float[] textEmbeddings, int dim) {
      return RPrecision.of(images, textEmbeddings, dim, candidates);
    }

    /** Per image whether its caption ranked first, as {@link #score} counts them. */
    public boolean[] hits(float[] images, float[] textEmbeddings, int dim) {
      return RPrecision.hits(images, textEmbeddings, dim, candidates);
    }
  }

  private RPrecision() {}

  /**
   * @param images θ(x) row-major {@code [n, dim]}
   * @param texts φ(t) row-major {@code [rows, dim]}
   * @param candidates per image the rows of its candidates, the true caption first
   */
  public static double of(float[] images, float[] texts, int dim, int[][] candidates) {
    int hits = 0;
    for (boolean hit : hits(images, texts, dim, candidates)) {
      hits += hit ? 1 : 0;
    }
    return (double) hits / candidates.length;
  }

  /** Per image whether its true caption scores strictly above every other candidate. */
  public static boolean[] hits(float[] images, float[] texts, int dim, int[][] candidates) {
    int n = candidates.length;
    checkArgument(n > 0 && images.length == n * dim, "need one image per candidate list");
    boolean[] hits = new boolean[n];
    for (int i = 0; i < n; i++) {
      double truth = dot(images, i, texts, candidates[i][0], dim);
      boolean first = true;
      for (int c = 1; c < candidates[i].length && first; c++) {
        first = dot(images, i, texts, candidates[i][c], dim) < truth;
      }
      hits[i] = first;
    }
    return hits;
  }

  /**
   * Per record: its chosen caption, then distinct captions that no caption of the record shares
   * (another record may carry the very same text, e.g. the other art style of an emoji).
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

  private static double dot(float[] a, int rowA, float[] b, int rowB, int dim) {
    double sum = 0;
    for (int d = 0; d < dim; d++) {
      sum += (double) a[rowA * dim + d] * b[rowB * dim + d];
    }
    return sum;
  }
}
