package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The nearest-neighbour mask classifier on hand-drawn 8×8 masks. */
class MaskClassifierTest {
  private static final int SIDE = 8;
  private static final int EMPTY = 3;

  /** One scene per mask, one object each, its box the whole canvas. */
  private static SceneTensors scenes(int[] labels, float[]... masks) {
    int n = masks.length;
    int[] slots = new int[n];
    float[] boxes = new float[n * 4];
    float[] all = new float[n * SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      slots[i] = labels[i];
      boxes[i * 4 + 2] = 1;
      boxes[i * 4 + 3] = 1;
      System.arraycopy(masks[i], 0, all, i * SIDE * SIDE, SIDE * SIDE);
    }
    return new SceneTensors(n, 1, SIDE, new float[0], slots, boxes, all);
  }

  /** Pixels (r, c) with {@code rows[0] <= r < rows[1]} and {@code cols[0] <= c < cols[1]}. */
  private static float[] rect(int r0, int r1, int c0, int c1) {
    float[] m = new float[SIDE * SIDE];
    for (int r = r0; r < r1; r++) {
      for (int c = c0; c < c1; c++) {
        m[r * SIDE + c] = 1;
      }
    }
    return m;
  }

  @Test
  void theMajorityOfTheNearestMasksNamesTheClass() {
    float[] left = rect(0, 8, 0, 4);
    float[] top = rect(0, 4, 0, 8);
    MaskClassifier k =
        new MaskClassifier.Builder(EMPTY)
            .add(
                scenes(
                    new int[] {0, 0, 0, 1, 1, 1},
                    left,
                    rect(0, 8, 0, 3),
                    rect(0, 8, 0, 5),
                    top,
                    rect(0, 3, 0, 8),
                    rect(0, 5, 0, 8)),
                EMPTY)
            .build();
    assertEquals(6, k.references());
    float[] boxes = {0, 0, 1, 1};
    assertEquals(0, k.classify(rect(1, 8, 0, 4), 0, SIDE, boxes, 0));
    assertEquals(1, k.classify(rect(0, 4, 1, 8), 0, SIDE, boxes, 0));
  }

  @Test
  void aMaskIsComparedInsideItsBoxSoSizeAndPlaceDoNotCount() {
    // A small left-half shape in the bottom-right quarter, its box that quarter.
    float[] small = rect(4, 8, 4, 6);
    float[] quarter = {0.5f, 0.5f, 0.5f, 0.5f};
    assertEquals(
        Arrays.toString(
            MaskClassifier.crop(rect(0, 8, 0, 4), 0, SIDE, new float[] {0, 0, 1, 1}, 0)),
        Arrays.toString(MaskClassifier.crop(small, 0, SIDE, quarter, 0)));
  }

  @Test
  void tiesGoToTheNearestMasksClass() {
    // Five references: classes 1, 2, 2, 1, 0 by distance from an empty query; votes 1 and 2 tie.
    MaskClassifier k =
        new MaskClassifier.Builder(EMPTY)
            .add(
                scenes(
                    new int[] {1, 2, 2, 1, 0},
                    rect(0, 1, 0, 1),
                    rect(0, 1, 0, 2),
                    rect(0, 1, 0, 3),
                    rect(0, 1, 0, 4),
                    rect(0, 1, 0, 5)),
                EMPTY)
            .build();
    assertEquals(1, k.classify(new float[SIDE * SIDE], 0, SIDE, new float[] {0, 0, 1, 1}, 0));
  }

  @Test
  void noReferencesIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new MaskClassifier.Builder(EMPTY).build());
  }
}
