package t2i.training.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import t2i.training.embedding.ZeroShotEvaluation.Scores;

class ZeroShotEvaluationTest {
  @Test
  void handComputedTopOneAndApOnThreeClasses() {
    // Class 7 captions average to (1, 0); class 8 to (0, 1); class 9 to (-1, 0).
    float[] captions = {1, 0, 1, 0, 0, 1, -1, 0};
    int[] captionClasses = {7, 7, 8, 9};
    // Images: two of class 7, one of 8, one of 9; the second class-7 image looks like class 8.
    float[] images = {2, 0.1f, 0.1f, 3, 0, 1, -1, 0.2f};
    int[] imageClasses = {7, 7, 8, 9};
    Scores s = ZeroShotEvaluation.evaluate(images, imageClasses, captions, captionClasses, 2);
    assertEquals(3, s.classes());
    assertEquals(4, s.images());
    assertEquals(3 / 4.0, s.top1(), 1e-9);
    assertEquals((1 / 2.0 + 1 + 1) / 3, s.top1ClassMean(), 1e-9);
    // Class 7 ranks images by x: 2 (7), 0.1 (7), 0 (8), −1 (9): AP = (1/1 + 2/2) / 2 = 1.
    // Class 8 ranks by y: 3 (the class-7 image), 1 (8), ...: AP = (1/2) / 1 = 0.5.
    // Class 9 ranks by −x: −1 → image 4 first: AP = 1.
    assertEquals((1 + 0.5 + 1) / 3, s.ap50(), 1e-9);
    assertEquals(1 / 3.0, s.chanceTop1(), 1e-9);
  }

  @Test
  void classesAreTheMeanOfTheirCaptionsNotTheSum() {
    // Class 1 has three captions at (1, 0); class 2 one at (0, 1.5). Means: (1, 0) and (0, 1.5);
    // sums would be (3, 0) and (0, 1.5), which would put the image (1, 0.8) in class 1.
    float[] captions = {1, 0, 1, 0, 1, 0, 0, 1.5f};
    int[] captionClasses = {1, 1, 1, 2};
    float[] images = {1, 0.8f, 0, 1};
    int[] imageClasses = {2, 2};
    Scores s = ZeroShotEvaluation.evaluate(images, imageClasses, captions, captionClasses, 2);
    assertEquals(1.0, s.top1(), 1e-9); // 1.2 for class 2 beats 1.0 for class 1
  }

  @Test
  void apStopsAtFiftyAndDividesByTheSmallerOfFiftyAndTheRelevantCount() {
    // 60 images of class 0 score 1..60 on class 0's query; 40 of class 1 score above them all.
    int n = 100;
    float[] images = new float[n * 2];
    int[] imageClasses = new int[n];
    for (int i = 0; i < n; i++) {
      boolean first = i < 60;
      imageClasses[i] = first ? 0 : 1;
      images[2 * i] = first ? i + 1 : 100 + i; // score on class 0's query (1, 0)
      images[2 * i + 1] = first ? 0 : 1000; // class 1's query (0, 1)
    }
    float[] captions = {1, 0, 0, 1};
    Scores s = ZeroShotEvaluation.evaluate(images, imageClasses, captions, new int[] {0, 1}, 2);
    // Class 0: its 60 images rank 41..100; within the top 50, hits at ranks 41..50:
    // Σ_{h=1..10} h / (40 + h), divided by min(50, 60) = 50.
    double ap0 = 0;
    for (int h = 1; h <= 10; h++) {
      ap0 += h / (40.0 + h);
    }
    ap0 /= 50;
    // Class 1: its 40 images rank first: AP = 1.
    assertEquals((ap0 + 1) / 2, s.ap50(), 1e-9);
  }

  @Test
  void tiesCountAgainstTheModel() {
    // Collapsed embeddings: every image scores the same on every class.
    float[] images = {1, 1, 1, 1, 1, 1};
    int[] imageClasses = {0, 1, 2};
    float[] captions = {1, 1, 1, 1, 1, 1};
    Scores s = ZeroShotEvaluation.evaluate(images, imageClasses, captions, new int[] {0, 1, 2}, 2);
    assertEquals(0.0, s.top1(), 1e-9);
    // Relevant images rank last among ties: each class's one image at rank 3: AP = 1/3.
    assertEquals(1 / 3.0, s.ap50(), 1e-9);
  }
}
