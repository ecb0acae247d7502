package t2i.training.embedding;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The zero-shot protocol of Reed et al. (CVPR 2016), on embeddings already computed. Each class is
 * the mean of the text embeddings of all captions of its records. Top-1: each image is assigned the
 * class of highest compatibility θ(v)·φ̄_c; reported over images and as the mean of per-class
 * accuracies. AP@50: each class's φ̄_c ranks all images; AP@50 = (1 / min(50, R)) Σ_{k≤50}
 * precision@k · [image k is of the class], R the class's image count; averaged over classes. Ties
 * count against the model: an image is classified correctly only if its class scores strictly
 * highest, and tied images rank relevant ones last (collapsed embeddings score at chance, not by
 * record order).
 */
public final class ZeroShotEvaluation {
  public static final int AP_DEPTH = 50;

  /** Scores of one split. */
  public record Scores(
      int classes,
      int images,
      double top1,
      double top1ClassMean,
      double ap50,
      double chanceTop1,
      double chanceAp50) {}

  private ZeroShotEvaluation() {}

  /**
   * @param imageEmbeddings θ(v), row-major {@code [images, dim]}
   * @param imageClasses the class of each image
   * @param captionEmbeddings φ(t) of every caption, row-major
   * @param captionClasses the class of each caption's record
   */
  public static Scores evaluate(
      float[] imageEmbeddings,
      int[] imageClasses,
      float[] captionEmbeddings,
      int[] captionClasses,
      int dim) {
    checkArgument(imageEmbeddings.length == imageClasses.length * dim, "image embeddings");
    checkArgument(captionEmbeddings.length == captionClasses.length * dim, "caption embeddings");
    List<Integer> classIds = new ArrayList<>();
    Map<Integer, Integer> index = new TreeMap<>();
    for (int c : imageClasses) {
      index.putIfAbsent(c, 0);
    }
    for (int c : index.keySet()) {
      index.put(c, classIds.size());
      classIds.add(c);
    }
    int k = classIds.size();
    double[][] centroid = new double[k][dim];
    int[] counts = new int[k];
    for (int i = 0; i < captionClasses.length; i++) {
      Integer c = index.get(captionClasses[i]);
      if (c == null) {
        continue; // captions of classes without images
      }
      counts[c]++;
      for (int d = 0; d < dim; d++) {
        centroid[c][d] += captionEmbeddings[i * dim + d];
      }
    }
    for (int c = 0; c < k; c++) {
      checkArgument(counts[c] > 0, "class %s has no captions", classIds.get(c));
      for (int d = 0; d < dim; d++) {
        centroid[c][d] /= counts[c];
      }
    }
    int n = imageClasses.length;
    double[][] score = new double[n][k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int d = 0; d < dim; d++) {
          s += imageEmbeddings[i * dim + d] * centroid[c][d];
        }
        score[i][c] = s;
      }
    }
    int correct = 0;
    int[] perClassCorrect = new int[k];
    int[] perClassImages = new int[k];
    for (int i = 0; i < n; i++) {
      int truth = index.get(imageClasses[i]);
      boolean strictlyBest = true;
      for (int c = 0; c < k; c++) {
        if (c != truth && score[i][c] >= score[i][truth]) {
          strictlyBest = false;
          break;
        }
      }
      perClassImages[truth]++;
      if (strictlyBest) {
        correct++;
        perClassCorrect[truth]++;
      }
    }
    double classMean = 0;
    double ap = 0;
    double chanceAp = 0;
    for (int c = 0; c < k; c++) {
      classMean += (double) perClassCorrect[c] / perClassImages[c] / k;
      ap += averagePrecision(score, imageClasses, index, c) / k;
      chanceAp += (double) perClassImages[c] / n / k;
    }
    return new Scores(k, n, (double) correct / n, classMean, ap, 1.0 / k, chanceAp);
  }

  static double averagePrecision(
      double[][] score, int[] imageClasses, Map<Integer, Integer> index, int c) {
    int n = score.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) -> {
          int byScore = Double.compare(score[b][c], score[a][c]);
          if (byScore != 0) {
            return byScore;
          }
          boolean ra = index.get(imageClasses[a]) == c;
          boolean rb = index.get(imageClasses[b]) == c;
          return Boolean.compare(ra, rb); // among ties, relevant images last
        });
    int relevant = 0;
    for (int cls : imageClasses) {
      if (index.get(cls) == c) {
        relevant++;
      }
    }
    int hits = 0;
    double sum = 0;
    for (int r = 0; r < Math.min(AP_DEPTH, n); r++) {
      if (index.get(imageClasses[order[r]]) == c) {
        hits++;
        sum += (double) hits / (r + 1);
      }
    }
    return sum / Math.min(AP_DEPTH, relevant);
  }
}
