package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.GanLoss;
import t2i.graph.GraphTesting;
import t2i.graph.Mode;
import t2i.graph.Network;

class ShapeGeneratorTest {
  static final int CLASSES = 3;
  static final int SIDE = 16;

  // Two layouts of three slots: (class 0, class 2, empty) and (class 1, empty, empty).
  static final int[] LABELS = {0, 2, CLASSES, 1, CLASSES, CLASSES};
  static final float[] BOXES = {
    0.1f, 0.2f, 0.5f, 0.5f, 0.4f, 0.4f, 0.5f, 0.6f, 0f, 0f, 1f, 1f, //
    0.25f, 0.25f, 0.5f, 0.25f, 0f, 0f, 1f, 1f, 0f, 0f, 1f, 1f
  };

  /** G's masks for some layouts, from a fixed seed's weights and fixed noise. */
  static float[] masks(ShapeGeneratorConfig c, int n, int[] labels, float[] boxes) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> b = tf.constant(Shape.of(n, c.slots(), 4), DataBuffers.of(boxes));
      Operand<TInt32> l = tf.constant(Shape.of(n, c.slots()), DataBuffers.of(labels));
      Operand<TFloat32> z =
          tf.constant(
              Shape.of(n, c.slots(), c.zDim()),
              DataBuffers.of(GraphTesting.seeded(n * c.slots() * c.zDim(), 9, 1f)));
      Operand<TFloat32> present =
          tf.dtypes.cast(tf.math.less(l, tf.constant(c.classes())), TFloat32.class);
      Network net = new Network(tf, ShapeGenerator.PREFIX, Mode.TRAINING, 3);
      Operand<TFloat32> m =
          ShapeGenerator.build(
              net, c, LayoutTensors.boxTensors(tf, b, l, c.side(), c.classes()), present, z);
      assertEquals(Shape.of(n, c.slots(), c.side(), c.side()), GraphTesting.shape(s, m));
      return GraphTesting.fetch(s, m);
    }
  }

  @Test
  void masksAreZeroOutsideTheirBoxesAndEmptySlotsAreEmpty() {
    ShapeGeneratorConfig c = ShapeGeneratorConfig.tiny(CLASSES, 3, SIDE);
    float[] m = masks(c, 2, LABELS, BOXES);
    float[] inside = ShapeGeneratorTest.insideOf(BOXES, LABELS, 6);
    int insideNonZero = 0;
    for (int p = 0; p < m.length; p++) {
      assertTrue(m[p] >= 0 && m[p] <= 1, "a mask value outside [0, 1]: " + m[p]);
      if (inside[p] == 0) {
        assertEquals(0f, m[p], "pixel " + p + " is outside its box (or in an empty slot)");
      } else if (m[p] > 0) {
        insideNonZero++;
      }
    }
    assertTrue(insideNonZero > 0, "nothing drawn inside the boxes");
  }

  @Test
  void emptySlotsChangeNothingAndTheOtherObjectsDo() {
    // Layout 1 (one object) in three slots, and alone in one slot: the LSTM skips empty slots.
    ShapeGeneratorConfig three = ShapeGeneratorConfig.tiny(CLASSES, 3, SIDE);
    ShapeGeneratorConfig one = ShapeGeneratorConfig.tiny(CLASSES, 1, SIDE);
    int[] alone = {1};
    float[] aloneBox = Arrays.copyOfRange(BOXES, 12, 16);
    float[] padded =
        masks(three, 1, Arrays.copyOfRange(LABELS, 3, 6), Arrays.copyOfRange(BOXES, 12, 24));
    // The noise differs with the slots (it is drawn per slot): compare with the same noise
    // by building the one-slot layout's noise as the first slot's.
    float[] single = masksWithNoiseOfFirstSlot(one, three, alone, aloneBox);
    float[] first = Arrays.copyOfRange(padded, 0, SIDE * SIDE);
    assertArrayEquals(single, first, 1e-5f);

    // Moving layout 0's second object changes its first object's mask (it knows the others).
    float[] moved = BOXES.clone();
    moved[4] = 0.1f;
    float[] before = masks(three, 2, LABELS, BOXES);
    float[] after = masks(three, 2, LABELS, moved);
    assertNotEquals(
        Arrays.toString(Arrays.copyOfRange(before, 0, SIDE * SIDE)),
        Arrays.toString(Arrays.copyOfRange(after, 0, SIDE * SIDE)));
  }

  /** A one-slot generator's mask, with the noise the three-slot graph gives its first slot. */
  private static float[] masksWithNoiseOfFirstSlot(
      ShapeGeneratorConfig one, ShapeGeneratorConfig three, int[] labels, float[] boxes) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      float[] all = GraphTesting.seeded(three.slots() * three.zDim(), 9, 1f);
      Operand<TFloat32> z =
          tf.constant(
              Shape.of(1, 1, one.zDim()), DataBuffers.of(Arrays.copyOfRange(all, 0, one.zDim())));
      Operand<TFloat32> b = tf.constant(Shape.of(1, 1, 4), DataBuffers.of(boxes));
      Operand<TInt32> l = tf.constant(Shape.of(1, 1), DataBuffers.of(labels));
      Network net = new Network(tf, ShapeGenerator.PREFIX, Mode.TRAINING, 3);
      Operand<TFloat32> m =
          ShapeGenerator.build(
              net,
              one,
              LayoutTensors.boxTensors(tf, b, l, SIDE, CLASSES),
              tf.constant(Shape.of(1, 1), DataBuffers.of(1f)),
              z);
      return GraphTesting.fetch(s, m);
    }
  }

  @Test
  void theDiscriminatorsGiveALogitPerInputForEveryPreset() {
    for (ShapeGeneratorConfig c :
        List.of(ShapeGeneratorConfig.tiny(CLASSES, 3, SIDE), ShapeGeneratorConfig.cpu(20, 4, 64))) {
      try (Graph g = new Graph();
          Session s = new Session(g, GraphTesting.ONE_THREAD)) {
        Ops tf = Ops.create(g);
        Operand<TFloat32> boxes =
            tf.zeros(tf.constant(new int[] {5, c.side(), c.side(), c.classes()}), TFloat32.class);
        Operand<TFloat32> masks =
            tf.zeros(tf.constant(new int[] {5, c.side(), c.side()}), TFloat32.class);
        Network d = new Network(tf, ShapeDiscriminator.INSTANCE_PREFIX, Mode.TRAINING, 1);
        assertEquals(
            Shape.of(5), GraphTesting.shape(s, ShapeDiscriminator.build(d, c, boxes, masks)));
      }
    }
  }

  @Test
  void theCpuPresetDrawsSixtyFourPixelMasks() {
    ShapeGeneratorConfig c = ShapeGeneratorConfig.cpu(CLASSES, 3, 64);
    float[] m = masks(c, 2, LABELS, BOXES);
    assertEquals(2 * 3 * 64 * 64, m.length);
  }

  @Test
  void everyWeightOfGAndBothDiscriminatorsGetsAGradient() {
    ShapeGeneratorConfig c = ShapeGeneratorConfig.tiny(CLASSES, 3, SIDE);
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> b = tf.constant(Shape.of(2, 3, 4), DataBuffers.of(BOXES));
      Operand<TInt32> l = tf.constant(Shape.of(2, 3), DataBuffers.of(LABELS));
      Operand<TFloat32> present =
          tf.dtypes.cast(tf.math.less(l, tf.constant(CLASSES)), TFloat32.class);
      Operand<TFloat32> z =
          tf.constant(
              Shape.of(2, 3, c.zDim()), DataBuffers.of(GraphTesting.seeded(6 * c.zDim(), 2, 1f)));
      Operand<TFloat32> boxTensors = LayoutTensors.boxTensors(tf, b, l, SIDE, CLASSES);
      Network gen = new Network(tf, ShapeGenerator.PREFIX, Mode.TRAINING, 3);
      Network inst = new Network(tf, ShapeDiscriminator.INSTANCE_PREFIX, Mode.TRAINING, 4);
      Network global = new Network(tf, ShapeDiscriminator.GLOBAL_PREFIX, Mode.TRAINING, 5);
      Operand<TFloat32> fake = ShapeGenerator.build(gen, c, boxTensors, present, z);
      Operand<TFloat32> eachBox =
          tf.reshape(boxTensors, tf.constant(new int[] {-1, SIDE, SIDE, CLASSES}));
      Operand<TFloat32> eachMask = tf.reshape(fake, tf.constant(new int[] {-1, SIDE, SIDE}));
      Operand<TFloat32> weights = tf.reshape(present, tf.constant(new int[] {-1}));
      Operand<TFloat32> lossInst =
          GanLoss.crossEntropy(
              tf, ShapeDiscriminator.build(inst, c, eachBox, eachMask), 1f, weights);
      Operand<TFloat32> lossGlobal =
          GanLoss.crossEntropy(
              tf,
              ShapeDiscriminator.build(
                  global,
                  c,
                  LayoutTensors.globalBoxes(tf, boxTensors),
                  LayoutTensors.globalMask(tf, fake)),
              1f);
      Operand<TFloat32> rec =
          new PerceptualLoss(tf, 1)
              .between(
                  tf.expandDims(LayoutTensors.globalMask(tf, fake), tf.constant(3)),
                  tf.zeros(tf.constant(new int[] {2, SIDE, SIDE, 1}), TFloat32.class));
      Operand<TFloat32> total = tf.math.add(tf.math.add(lossInst, lossGlobal), rec);
      List<Variable<TFloat32>> all = new ArrayList<>(gen.trainable());
      all.addAll(inst.trainable());
      all.addAll(global.trainable());
      var grads = tf.gradients(total, all);
      for (int i = 0; i < all.size(); i++) {
        float[] v = GraphTesting.fetch(s, grads.dy(i));
        double norm = 0;
        for (float x : v) {
          norm += x * x;
        }
        String name = all.get(i).op().name();
        assertTrue(Double.isFinite(norm) && norm > 0, name + " gets no gradient");
      }
    }
  }

  /**
   * 1 where slot's box covers a pixel and the slot holds an object: {@code [slots, SIDE, SIDE]}.
   */
  static float[] insideOf(float[] boxes, int[] labels, int slots) {
    float[] out = new float[slots * SIDE * SIDE];
    for (int t = 0; t < slots; t++) {
      if (labels[t] >= CLASSES) {
        continue;
      }
      for (int r = 0; r < SIDE; r++) {
        for (int col = 0; col < SIDE; col++) {
          float cx = (col + 0.5f) / SIDE;
          float cy = (r + 0.5f) / SIDE;
          float x = boxes[t * 4];
          float y = boxes[t * 4 + 1];
          if (cx >= x && cx < x + boxes[t * 4 + 2] && cy >= y && cy < y + boxes[t * 4 + 3]) {
            out[(t * SIDE + r) * SIDE + col] = 1f;
          }
        }
      }
    }
    return out;
  }
}
