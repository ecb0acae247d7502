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
}
