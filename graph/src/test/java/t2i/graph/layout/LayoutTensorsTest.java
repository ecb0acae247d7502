package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.GraphTesting;

class LayoutTensorsTest {
  static final int SIDE = 4;
  static final int CLASSES = 3;

  // One layout, three slots: class 1 in the top-left quarter, class 2 over the right half's
  // second row, then an empty slot (label = CLASSES) whose box covers everything.
  static final float[] BOXES = {0f, 0f, 0.5f, 0.5f, 0.5f, 0.25f, 0.5f, 0.25f, 0f, 0f, 1f, 1f};
  static final int[] LABELS = {1, 2, CLASSES};

  static Operand<TFloat32> boxes(Ops tf) {
    return tf.constant(Shape.of(1, 3, 4), DataBuffers.of(BOXES));
  }

  static Operand<TInt32> labels(Ops tf) {
    return tf.constant(Shape.of(1, 3), DataBuffers.of(LABELS));
  }

  @Test
  void aPixelIsInsideABoxWhenItsCentreIs() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // x from 0.3 to 0.7: centres 0.375 and 0.625 are in, 0.125 and 0.875 out; y from 0 to 0.26:
      // only row 0 (centre 0.125).
      Operand<TFloat32> box = tf.constant(Shape.of(1, 1, 4), DataBuffers.of(0.3f, 0f, 0.4f, 0.26f));
      float[] inside = GraphTesting.fetch(s, LayoutTensors.boxIndicators(tf, box, SIDE));
      assertArrayEquals(new float[] {0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, inside);
    }
  }

  @Test
  void boxTensorsPutOnesInTheirClassChannelAndEmptySlotsDrawNothing() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> b = LayoutTensors.boxTensors(tf, boxes(tf), labels(tf), SIDE, CLASSES);
      assertEquals(Shape.of(1, 3, SIDE, SIDE, CLASSES), GraphTesting.shape(s, b));
      float[] v = GraphTesting.fetch(s, b);
      float total = 0;
      for (float x : v) {
        total += x;
      }
      assertEquals(4 + 2, total, "4 pixels of the first box, 2 of the second, none of the empty");
      assertEquals(1f, v[at(0, 0, 0, 1)]); // top-left pixel, class 1
      assertEquals(0f, v[at(0, 0, 0, 0)]);
      assertEquals(1f, v[at(1, 1, 2, 2)]); // row 1, column 2, class 2
      assertEquals(1f, v[at(1, 1, 3, 2)]);
      assertEquals(0f, v[at(1, 2, 2, 2)]);
    }
  }

  @Test
  void globalBoxesAreTheMaxAndTheGlobalMaskTheSum() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      // Two slots of one class, overlapping at pixel 0.
      Operand<TFloat32> two =
          tf.constant(Shape.of(1, 2, 4), DataBuffers.of(0f, 0f, 0.5f, 0.5f, 0f, 0f, 0.25f, 0.25f));
      Operand<TInt32> same = tf.constant(Shape.of(1, 2), DataBuffers.of(0, 0));
      float[] global =
          GraphTesting.fetch(
              s,
              LayoutTensors.globalBoxes(
                  tf, LayoutTensors.boxTensors(tf, two, same, SIDE, CLASSES)));
      assertEquals(1f, global[0], "the max, not the sum, where the boxes overlap");
      float[] masks = new float[2 * SIDE * SIDE];
      masks[0] = 0.5f;
      masks[SIDE * SIDE] = 0.25f;
      masks[SIDE * SIDE + 5] = 1f;
      float[] sum =
          GraphTesting.fetch(
              s,
              LayoutTensors.globalMask(
                  tf, tf.constant(Shape.of(1, 2, SIDE, SIDE), DataBuffers.of(masks))));
      assertEquals(0.75f, sum[0], 1e-6);
      assertEquals(1f, sum[5], 1e-6);
      assertEquals(SIDE * SIDE, sum.length);
    }
  }

  @Test
  void theLabelMapTakesTheMaxOfEachClassesMasks() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      float[] masks = new float[3 * SIDE * SIDE];
      masks[0] = 0.4f; // slot 0 (class 1), pixel 0
      masks[SIDE * SIDE] = 0.9f; // slot 1 (class 2), pixel 0
      masks[2 * SIDE * SIDE] = 1f; // the empty slot: ignored
      masks[2 * SIDE * SIDE + 1] = 1f;
      Operand<TFloat32> map =
          LayoutTensors.labelMap(
              tf,
              tf.constant(Shape.of(1, 3, SIDE, SIDE), DataBuffers.of(masks)),
              labels(tf),
              CLASSES);
      assertEquals(Shape.of(1, SIDE, SIDE, CLASSES), GraphTesting.shape(s, map));
      float[] v = GraphTesting.fetch(s, map);
      assertArrayEquals(new float[] {0f, 0.4f, 0.9f}, new float[] {v[0], v[1], v[2]});
      assertArrayEquals(new float[] {0f, 0f, 0f}, new float[] {v[3], v[4], v[5]});
    }
  }

  /** Index of (slot, row, column, class) in a one-layout box tensor. */
  private static int at(int slot, int row, int column, int k) {
    return ((slot * SIDE + row) * SIDE + column) * CLASSES + k;
  }
}
