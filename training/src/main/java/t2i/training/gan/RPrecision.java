package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * R-precision with R = 1 (AttnGAN's text–image retrieval score): for each image, its true caption
 * and mismatched ones are ranked by the joint embedding's compatibility θ(x)ᵀφ(t); the score is the
 * share of images whose true caption ranks strictly first. Chance is 1 / candidates.
 */
public final class RPrecision {
  private RPrecision() {}

  /**
   * @param images θ(x) row-major {@code [n, dim]}
   * @param texts φ(t) row-major {@code [rows, dim]}
   * @param candidates per image the rows of its candidates, the true caption first
   */
  public static double of(float[] images, float[] texts, int dim, int[][] candidates) {
    int n = candidates.length;
    checkArgument(n > 0 && images.length == n * dim, "need one image per candidate list");
    int hits = 0;
    for (int i = 0; i < n; i++) {
      double truth = dot(images, i, texts, candidates[i][0], dim);
      boolean first = true;
      for (int c = 1; c < candidates[i].length && first; c++) {
        first = dot(images, i, texts, candidates[i][c], dim) < truth;
      }
      hits += first ? 1 : 0;
    }
    return (double) hits / n;
  }

  private static double dot(float[] a, int rowA, float[] b, int rowB, int dim) {
    double sum = 0;
    for (int d = 0; d < dim; d++) {
      sum += (double) a[rowA * dim + d] * b[rowB * dim + d];
    }
    return sum;
  }
}
