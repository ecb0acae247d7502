package t2i.training.style;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Reed et al.'s disentanglement measure: the ROC AUC of cosine similarity as a score for "this pair
 * of vectors shares a group", over all pairs (the Mann–Whitney statistic, ties counted half). 0.5
 * is chance; 1 means every same-group pair is more similar than every different-group pair.
 */
public final class RocAuc {
  /** The AUC and how many pairs of each kind it compared. */
  public record Result(double auc, long samePairs, long differentPairs) {}

  private RocAuc() {}

  /**
   * @param vectors row-major {@code [labels.length, dim]}
   */
  public static Result sameGroup(float[] vectors, int dim, String[] labels) {
    int n = labels.length;
    checkArgument(vectors.length == n * dim, "one vector per label");
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int d = 0; d < dim; d++) {
        s += (double) vectors[i * dim + d] * vectors[i * dim + d];
      }
      norms[i] = Math.sqrt(s);
    }
    int pairs = n * (n - 1) / 2;
    double[] scores = new double[pairs];
    boolean[] same = new boolean[pairs];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double dot = 0;
        for (int d = 0; d < dim; d++) {
          dot += (double) vectors[i * dim + d] * vectors[j * dim + d];
        }
        double denominator = norms[i] * norms[j];
        scores[p] = denominator == 0 ? 0 : dot / denominator;
        same[p] = labels[i].equals(labels[j]);
        p++;
      }
    }
    return fromScores(scores, same);
  }

  /** The AUC of {@code scores} separating positives from negatives. */
  static Result fromScores(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
    double rankSumPositive = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1; // average rank of the tie block, 1-based
      for (int k = i; k <= j; k++) {
        if (positive[order[k]]) {
          rankSumPositive += rank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    checkArgument(positives > 0 && negatives > 0, "need pairs of both kinds");
    double u = rankSumPositive - positives * (positives + 1) / 2.0;
    return new Result(u / ((double) positives * negatives), positives, negatives);
  }
}
