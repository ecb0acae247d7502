package t2i.training.judge;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How often the judge names the right class: top-k rates over images given their probabilities. An
 * image counts as recognised at k if fewer than k other classes have a probability at least as high
 * as its true class's (ties count against it, so a judge that outputs a constant scores 0).
 */
public final class Recognition {
  private Recognition() {}

  /**
   * @param probabilities row-major {@code [n, classes]}
   * @param labels the true class of each image
   */
  public static double topK(float[] probabilities, int[] labels, int classes, int k) {
    int n = labels.length;
    checkArgument(n > 0 && probabilities.length == n * classes, "need one row per label");
    checkArgument(k >= 1, "k must be >= 1, was %s", k);
    int hits = 0;
    for (int i = 0; i < n; i++) {
      float truth = probabilities[i * classes + labels[i]];
      int atLeast = 0;
      for (int c = 0; c < classes && atLeast < k; c++) {
        if (c != labels[i] && probabilities[i * classes + c] >= truth) {
          atLeast++;
        }
      }
      hits += atLeast < k ? 1 : 0;
    }
    return (double) hits / n;
  }
}
