package t2i.training.judge;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The Inception Score's formula, exp(E_x KL(p(y|x) ‖ p(y))) with p(y) the mean of p(y|x) over the
 * images, applied to the judge's concept probabilities over all images at once (no splits). It is
 * not comparable with Inception-v3 scores: another classifier, other classes.
 */
public final class InceptionScore {
  private InceptionScore() {}

  /**
   * @param probabilities row-major {@code [n, classes]}, each row summing to 1
   */
  public static double of(float[] probabilities, int n, int classes) {
    checkArgument(n > 0 && probabilities.length == n * classes, "need n rows of classes");
    double[] marginal = new double[classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        marginal[c] += probabilities[i * classes + c] / (double) n;
      }
    }
    double meanKl = 0;
    for (int i = 0; i < n; i++) {
      double kl = 0;
      for (int c = 0; c < classes; c++) {
        double p = probabilities[i * classes + c];
        if (p > 0) {
          kl += p * (Math.log(p) - Math.log(marginal[c]));
        }
      }
      meanKl += kl / n;
    }
    return Math.exp(meanKl);
  }
}
