package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LstmCellTest {
  static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  static Operand<TFloat32> random(Ops tf, long seed, int... dims) {
    return GanGraphTest.random(tf, seed, dims);
  }

  @Test
  void denseCellFollowsItsEquationsOnAHandSetExample() {
    // One input, one unit; the gates in the order input, forget, candidate, output.
    float[] wx = {0.1f, 0.2f, 0.3f, 0.4f};
    float[] wh = {0.5f, -0.6f, 0.7f, -0.8f};
    float[] b = {0.05f, -0.05f, 0.1f, -0.1f};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "lstm", Mode.TRAINING, 0);
      LstmCell cell = LstmCell.dense(net, "cell", DenseSpec.of(1, 1, Init.zeros()));
      LstmState first = cell.start(tf.constant(new float[][] {{1f}}));
      LstmState second = cell.step(tf.constant(new float[][] {{-2f}}), first);
      var vars = net.trainable();
      assertEquals(
          List.of("lstm_cell_wx", "lstm_cell_wh", "lstm_cell_b"),
          vars.stream().map(v -> v.op().name()).toList());

      double c1 = sigmoid(1 * wx[0] + b[0]) * Math.tanh(1 * wx[2] + b[2]);
      double h1 = sigmoid(1 * wx[3] + b[3]) * Math.tanh(c1);
      double[] z = new double[4];
      for (int k = 0; k < 4; k++) {
        z[k] = -2 * wx[k] + h1 * wh[k] + b[k];
      }
      double c2 = sigmoid(z[1] + 1) * c1 + sigmoid(z[0]) * Math.tanh(z[2]);
      double h2 = sigmoid(z[3]) * Math.tanh(c2);

      try (TFloat32 twx = GraphTesting.tensor(Shape.of(1, 4), wx);
          TFloat32 twh = GraphTesting.tensor(Shape.of(1, 4), wh);
          TFloat32 tb = GraphTesting.tensor(Shape.of(4), b);
          Result r =
              s.runner()
                  .feed(vars.get(0), twx)
                  .feed(vars.get(1), twh)
                  .feed(vars.get(2), tb)
                  .fetch(first.h())
                  .fetch(second.c())
                  .fetch(second.h())
                  .run()) {
        assertEquals(h1, ((TFloat32) r.get(0)).getFloat(0, 0), 1e-6);
        assertEquals(c2, ((TFloat32) r.get(1)).getFloat(0, 0), 1e-6);
        assertEquals(h2, ((TFloat32) r.get(2)).getFloat(0, 0), 1e-6);
      }
    }
  }

  @Test
  void convCellSumsOverItsWindow() {
    // 2×2 input, 3×3 kernel, SAME: every window covers the four pixels. With every weight 0.1 and
    // no bias, each gate's pre-activation is 0.1 · (1 + 2 + 3 + 4) = 1 at every pixel, and
    // 1 + 0.1 · 4 · h1 at the second step.
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "lstm", Mode.TRAINING, 0);
      LstmCell cell =
          LstmCell.conv(
              net, "cell", ConvSpec.of(1, 1, Init.constant(0.1f)).withKernel(3).withoutBias());
      Operand<TFloat32> x = tf.constant(Shape.of(1, 2, 2, 1), DataBuffers.of(1f, 2f, 3f, 4f));
      LstmState first = cell.start(x);
      LstmState second = cell.step(x, first);
      assertEquals(2, net.trainable().size());

      double c1 = sigmoid(1) * Math.tanh(1);
      double h1 = sigmoid(1) * Math.tanh(c1);
      double z = 1 + 0.4 * h1;
      double c2 = sigmoid(z + 1) * c1 + sigmoid(z) * Math.tanh(z);
      double h2 = sigmoid(z) * Math.tanh(c2);
      float[] expected1 = new float[4];
      float[] expected2 = new float[4];
      Arrays.fill(expected1, (float) h1);
      Arrays.fill(expected2, (float) h2);
      assertArrayEquals(expected1, GraphTesting.fetch(s, first.h()), 1e-6f);
      assertArrayEquals(expected2, GraphTesting.fetch(s, second.h()), 1e-6f);
    }
  }

  @Test
  void convCellWithA1x1KernelIsTheDenseCellAtEveryPixel() {
    int in = 2;
    int hidden = 3;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "lstm", Mode.TRAINING, 0);
      Init init = Init.uniform(0.5f);
      LstmCell dense = LstmCell.dense(net, "dense", DenseSpec.of(in, hidden, init).withBias(init));
      LstmCell conv = LstmCell.conv(net, "conv", ConvSpec.of(in, hidden, init).withBias(init));
      List<Operand<TFloat32>> steps = new ArrayList<>();
      List<Operand<TFloat32>> pixels = new ArrayList<>();
      for (int t = 0; t < 3; t++) {
        Operand<TFloat32> x = random(tf, 10 + t, 2, 3, 3, in);
        steps.add(x);
        pixels.add(tf.reshape(x, tf.constant(new int[] {-1, in})));
      }
      Operand<TFloat32> fromConv = conv.run(steps).get(2);
      Operand<TFloat32> fromDense = dense.run(pixels).get(2);
      assertEquals(Shape.of(2, 3, 3, hidden), fromConv.shape());
      var v = net.trainable(); // dense wx, wh, b; conv wx, wh, b: the same values, other shapes
      try (Result r = s.runner().fetch(v.get(0)).fetch(v.get(1)).fetch(v.get(2)).run();
          TFloat32 wx = reshaped((TFloat32) r.get(0), v.get(3).shape());
          TFloat32 wh = reshaped((TFloat32) r.get(1), v.get(4).shape());
          Result out =
              s.runner()
                  .feed(v.get(3), wx)
                  .feed(v.get(4), wh)
                  .feed(v.get(5), (TFloat32) r.get(2))
                  .fetch(fromConv)
                  .fetch(fromDense)
                  .run()) {
        float[] a = values((TFloat32) out.get(0));
        float[] b = values((TFloat32) out.get(1));
        assertEquals(2 * 3 * 3 * hidden, a.length);
        assertArrayEquals(b, a, 1e-6f);
      }
    }
  }

  @Test
  void convCellKeepsTheGrid() {
    try (Graph g = new Graph()) {
      Network net = new Network(Ops.create(g), "lstm", Mode.TRAINING, 0);
      ConvSpec spec = ConvSpec.of(2, 3, Init.zeros()).withKernel(3);
      assertThrows(
          IllegalArgumentException.class, () -> LstmCell.conv(net, "a", spec.withStride(2)));
      assertThrows(
          IllegalArgumentException.class,
          () -> LstmCell.conv(net, "b", spec.withPadding(Padding.VALID)));
    }
  }

  @Test
  void denseCellGradientsMatchCentralDifferences() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "lstm", Mode.TRAINING, 1);
      Init init = Init.uniform(0.5f);
      LstmCell cell = LstmCell.dense(net, "cell", DenseSpec.of(3, 4, init).withBias(init));
      Operand<TFloat32> x0 = random(tf, 1, 2, 3);
      LstmState state = cell.start(x0);
      state = cell.step(random(tf, 2, 2, 3), state);
      state = cell.step(random(tf, 3, 2, 3), state);
      Operand<TFloat32> loss =
          tf.math.add(
              GradientCheck.weightedSum(tf, state.h(), 4),
              GradientCheck.weightedSum(tf, state.c(), 5));
      List<Operand<TFloat32>> xs = new ArrayList<>(net.trainable());
      xs.add(x0);
      GradientCheck.assertMatches(tf, s, loss, xs);
    }
  }

  @Test
  void convCellGradientsMatchCentralDifferences() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "lstm", Mode.TRAINING, 2);
      Init init = Init.uniform(0.5f);
      LstmCell cell =
          LstmCell.conv(net, "cell", ConvSpec.of(2, 2, init).withKernel(3).withBias(init));
      Operand<TFloat32> x0 = random(tf, 1, 1, 3, 3, 2);
      List<Operand<TFloat32>> h = cell.run(List.of(x0, random(tf, 2, 1, 3, 3, 2)));
      Operand<TFloat32> loss = GradientCheck.weightedSum(tf, h.get(1), 3);
      List<Operand<TFloat32>> xs = new ArrayList<>(net.trainable());
      xs.add(x0);
      GradientCheck.assertMatches(tf, s, loss, xs);
    }
  }

  private static TFloat32 reshaped(TFloat32 t, Shape shape) {
    return GraphTesting.tensor(shape, values(t));
  }

  private static float[] values(TFloat32 t) {
    float[] v = new float[(int) t.shape().size()];
    t.asRawTensor().data().asFloats().read(v);
    return v;
  }
}
