package t2i.training.judge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RecognitionTest {
  // 4 images x 3 classes
  static final float[] P = {
    0.7f, 0.2f, 0.1f, // truth 0: first
    0.5f, 0.3f, 0.2f, // truth 1: second
    0.1f, 0.1f, 0.8f, // truth 0: tied for second with class 1, behind class 2
    0.4f, 0.4f, 0.2f // truth 1: tied for first with class 0
  };
  static final int[] LABELS = {0, 1, 0, 1};

  @Test
  void topOneCountsOnlyStrictlyHighestTrueClasses() {
    assertEquals(1 / 4.0, Recognition.topK(P, LABELS, 3, 1), 1e-12);
  }

  @Test
  void topTwoCountsTiesAgainstTheImage() {
    // image 2: classes 1 (tie) and 2 are at least as likely, so its class is not in the top 2
    assertEquals(3 / 4.0, Recognition.topK(P, LABELS, 3, 2), 1e-12);
    assertEquals(1.0, Recognition.topK(P, LABELS, 3, 3), 1e-12);
  }

  @Test
  void aConstantJudgeRecognisesNothing() {
    float[] uniform = new float[4 * 3];
    java.util.Arrays.fill(uniform, 1 / 3f);
    assertEquals(0.0, Recognition.topK(uniform, LABELS, 3, 1), 0);
  }
}
