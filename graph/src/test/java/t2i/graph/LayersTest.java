package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static t2i.graph.GraphTesting.fetch;
import static t2i.graph.GraphTesting.seeded;
import static t2i.graph.GraphTesting.shape;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class LayersTest {
  static Operand<TFloat32> input(Ops tf, int... dims) {
    int n = 1;
    for (int d : dims) {
      n *= d;
    }
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = dims[i];
    }
    return tf.constant(Shape.of(shape), DataBuffers.of(seeded(n, 1, 1f)));
  }

  @Test
  void shapesOfEveryLayer() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "test", Mode.TRAINING, 0);
      Init w = Init.normal(0, 0.02f);
      assertEquals(
          Shape.of(5, 7),
          shape(s, Layers.dense(net, "fc", input(tf, 5, 3), DenseSpec.of(3, 7, w))));
      assertEquals(
          Shape.of(2, 32, 32, 8),
          shape(
              s,
              Layers.conv2d(
                  net,
                  "c",
                  input(tf, 2, 64, 64, 3),
                  ConvSpec.of(3, 8, w).withKernel(4).withStride(2).withoutBias())));
      assertEquals(
          Shape.of(2, 8, 8, 4),
          shape(
              s,
              Layers.deconv2d(
                  net,
                  "d",
                  input(tf, 2, 4, 4, 6),
                  ConvSpec.of(6, 4, w).withKernel(4).withStride(2).withoutBias())));
      assertEquals(
          Shape.of(2, 198, 5),
          shape(
              s,
              Layers.conv1d(
                  net,
                  "c1",
                  input(tf, 2, 201, 70),
                  ConvSpec.of(70, 5, w).withKernel(4).withPadding(Padding.VALID))));
      assertEquals(
          Shape.of(2, 66, 5), shape(s, Layers.maxPool1d(tf, input(tf, 2, 198, 5), PoolSpec.of(3))));
      assertEquals(
          Shape.of(2, 8, 5),
          shape(s, Layers.maxPool1d(tf, input(tf, 2, 18, 5), PoolSpec.of(3).withStride(2))));
      assertEquals(
          Shape.of(2, 4, 4, 5),
          shape(
              s,
              Layers.maxPool2d(
                  tf, input(tf, 2, 8, 8, 5), PoolSpec.of(2).withPadding(Padding.SAME))));
      assertEquals(
          Shape.of(2, 3, 3, 6),
          shape(s, Layers.batchNorm(net, "bn", input(tf, 2, 3, 3, 6), NormSpec.of(6))));
      assertEquals(
          Shape.of(4, 6),
          shape(s, Layers.batchNorm(net, "bnflat", input(tf, 4, 6), NormSpec.of(6))));
      List<Operand<TFloat32>> states =
          Layers.rnn(
              net,
              "gru",
              List.of(input(tf, 3, 5), input(tf, 3, 5)),
              new RnnSpec(Layers.Cell.GRU, 5, 4, w));
      assertEquals(2, states.size());
      assertEquals(Shape.of(3, 4), shape(s, states.get(1)));
    }
  }

  @Test
  void variablesAreNamedByNetworkAndLayerAndCountedOnce() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "txtenc", Mode.TRAINING, 0);
      Init init = Init.uniform(0.08f);
      Layers.conv1d(
          net,
          "conv1",
          input(tf, 1, 10, 3),
          ConvSpec.of(3, 4, init).withKernel(2).withPadding(Padding.VALID).withBias(init));
      Layers.batchNorm(net, "bn1", input(tf, 2, 4), NormSpec.of(4));
      assertEquals(
          List.of("txtenc_conv1_w", "txtenc_conv1_b", "txtenc_bn1_gamma", "txtenc_bn1_beta"),
          net.trainable().stream().map(v -> v.op().name()).toList());
      assertEquals(6, net.all().size());
      assertEquals(2 * 3 * 4 + 4 + 4 + 4, net.parameterCount());
      assertThrows(
          IllegalArgumentException.class,
          () -> Layers.dense(net, "conv1", input(tf, 1, 3), DenseSpec.of(3, 4, Init.zeros())));
    }
  }

  @Test
  void specsStartFromNamedDefaultsAndRejectBadValues() {
    Init w = Init.normal(0, 0.02f);
    ConvSpec conv = ConvSpec.of(3, 8, w);
    assertEquals(new ConvSpec(3, 8, 1, 1, Padding.SAME, w, Bias.zeros()), conv);
    assertEquals(
        new ConvSpec(3, 8, 4, 2, Padding.VALID, w, Bias.NONE),
        conv.withKernel(4).withStride(2).withPadding(Padding.VALID).withoutBias());
    assertEquals(new DenseSpec(3, 7, w, Bias.of(w)), DenseSpec.of(3, 7, w).withBias(w));
    assertEquals(new PoolSpec(3, 3, Padding.VALID), PoolSpec.of(3));
    assertEquals(new NormSpec(4, false, Init.constant(1f)), NormSpec.of(4).withoutAffine());
    var e = assertThrows(IllegalArgumentException.class, () -> ConvSpec.of(3, 8, w).withStride(0));
    assertTrue(e.getMessage().contains("was 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DenseSpec.of(0, 7, w));
    assertThrows(IllegalArgumentException.class, () -> new NormSpec(4, false, w));
    assertThrows(NullPointerException.class, () -> new DenseSpec(3, 7, w, null));
    assertEquals(8, Padding.SAME.transposedSize(4, 4, 2));
    assertEquals(10, Padding.VALID.transposedSize(4, 4, 2));
  }

  @Test
  void layersWithoutBiasOrAffineCreateNoSuchVariables() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "n", Mode.TRAINING, 0);
      Init w = Init.normal(0, 0.02f);
      Layers.conv2d(net, "c", input(tf, 2, 8, 8, 3), ConvSpec.of(3, 4, w).withoutBias());
      Layers.dense(net, "d", input(tf, 2, 3), DenseSpec.of(3, 4, w).withoutBias());
      Operand<TFloat32> y =
          Layers.batchNorm(net, "bn", input(tf, 2, 4, 4, 4), NormSpec.of(4).withoutAffine());
      Operand<TFloat32> up =
          Layers.deconv2d(
              net,
              "up",
              input(tf, 2, 4, 4, 3),
              ConvSpec.of(3, 5, w).withKernel(4).withStride(2).withPadding(Padding.VALID));
      assertEquals(
          List.of("n_c_w", "n_d_w", "n_up_w", "n_up_b"),
          net.trainable().stream().map(v -> v.op().name()).toList());
      assertEquals(Shape.of(2, 4, 4, 4), shape(s, y));
      assertEquals(Shape.of(2, 10, 10, 5), shape(s, up));
    }
  }

  @Test
  void initialisersFollowTheirDistributionAndTheSeed() {
    float[] first;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "n", Mode.TRAINING, 7);
      var u = net.weight("u", Shape.of(100, 100), Init.uniform(0.08f));
      var n = net.weight("g", Shape.of(100, 100), Init.normal(1f, 0.02f));
      first = fetch(s, u);
      float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
      for (float v : first) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      assertTrue(min >= -0.08f && max <= 0.08f && min < -0.07f && max > 0.07f, min + " " + max);
      double mean = 0;
      for (float v : fetch(s, n)) {
        mean += v / 10000.0;
      }
      assertEquals(1.0, mean, 0.002);
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "n", Mode.TRAINING, 7);
      net.weight("other", Shape.of(3), Init.zeros()); // another variable first: same values anyway
      assertArrayEquals(first, fetch(s, net.weight("u", Shape.of(100, 100), Init.uniform(0.08f))));
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Network net = new Network(Ops.create(g), "n", Mode.TRAINING, 8);
      assertNotEquals(
          first[0], fetch(s, net.weight("u", Shape.of(100, 100), Init.uniform(0.08f)))[0]);
    }
  }

  @Test
  void batchNormNormalisesInTrainingAndUsesMovingStatisticsInInference() {
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8}; // [4, 2]: channel 0 = 1,3,5,7; channel 1 = 2,4,6,8
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network train = new Network(tf, "t", Mode.TRAINING, 0);
      Operand<TFloat32> y =
          Layers.batchNorm(
              train, "bn", tf.constant(Shape.of(4, 2), DataBuffers.of(x)), NormSpec.of(2));
      float[] out = fetch(s, y);
      // (1 − 4) / sqrt(5 + ε): population variance of 1,3,5,7 is 5
      assertEquals(-3 / Math.sqrt(5 + 1e-5), out[0], 1e-5);
      assertEquals(2, train.updates().size());
      for (var update : train.updates()) {
        s.run(update);
      }
      float[] movingMean = fetch(s, train.all().get(2));
      // 0.9 · 0 + 0.1 · 4
      assertEquals(0.4f, movingMean[0], 1e-6);
      assertEquals(0.5f, movingMean[1], 1e-6);
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network infer = new Network(tf, "t", Mode.INFERENCE, 0);
      Operand<TFloat32> y =
          Layers.batchNorm(
              infer, "bn", tf.constant(Shape.of(4, 2), DataBuffers.of(x)), NormSpec.of(2));
      // moving mean 0, variance 1: the identity up to ε
      assertEquals(x[5] / Math.sqrt(1 + 1e-5), fetch(s, y)[5], 1e-5);
      assertTrue(infer.updates().isEmpty());
    }
  }

  @Test
  void instanceNormNormalisesEachChannelOfEachSampleOverItsPositions() {
    // [2, 2, 2, 2]: sample n, position p, channel c holds x[n][p][c]
    float[][][] x = {
      {{1, 10}, {2, 20}, {3, 40}, {6, 50}},
      {{-1, 5}, {-1, 5}, {1, 5}, {1, 5}}
    };
    float[] flat = new float[16];
    for (int n = 0, k = 0; n < 2; n++) {
      for (int p = 0; p < 4; p++) {
        for (int c = 0; c < 2; c++) {
          flat[k++] = x[n][p][c];
        }
      }
    }
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> in = tf.constant(Shape.of(2, 2, 2, 2), DataBuffers.of(flat));
      Network net = new Network(tf, "n", Mode.INFERENCE, 0);
      float[] plain =
          fetch(s, Layers.instanceNorm(net, "plain", in, NormSpec.of(2).withoutAffine()));
      float[] scaled =
          fetch(
              s,
              Layers.instanceNorm(net, "affine", in, NormSpec.of(2).withGamma(Init.constant(2f))));
      assertEquals(
          List.of("n_affine_gamma", "n_affine_beta"),
          net.trainable().stream().map(v -> v.op().name()).toList());
      assertTrue(net.updates().isEmpty());
      for (int n = 0, k = 0; n < 2; n++) {
        for (int p = 0; p < 4; p++) {
          for (int c = 0; c < 2; c++, k++) {
            double mean = 0;
            double square = 0;
            for (int q = 0; q < 4; q++) {
              mean += x[n][q][c] / 4.0;
              square += x[n][q][c] * x[n][q][c] / 4.0;
            }
            double expected = (x[n][p][c] - mean) / Math.sqrt(square - mean * mean + 1e-5);
            assertEquals(expected, plain[k], 1e-5, "n " + n + " p " + p + " c " + c);
            assertEquals(2 * expected, scaled[k], 2e-5);
          }
        }
      }
      // e.g. sample 0, channel 0: 1, 2, 3, 6 → mean 3, variance 3.5
      assertEquals(-2 / Math.sqrt(3.5 + 1e-5), plain[0], 1e-6);
      // a constant channel becomes 0, not NaN
      assertEquals(0f, plain[8 + 1], 0f);
    }
  }

  @Test
  void nearestUpsamplingRepeatsEveryPixelAsABlock() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(1, 2, 2, 1), DataBuffers.of(1f, 2f, 3f, 4f));
      Operand<TFloat32> up = Layers.upsampleNearest(tf, x, 2);
      assertEquals(Shape.of(1, 4, 4, 1), up.shape());
      assertArrayEquals(
          new float[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, fetch(s, up), 0f);
      // channels stay together: [1, 1, 2, 2] → [1, 3, 6, 2]
      Operand<TFloat32> pair = tf.constant(Shape.of(1, 1, 2, 2), DataBuffers.of(1f, -1f, 2f, -2f));
      float[] row = {1, -1, 1, -1, 1, -1, 2, -2, 2, -2, 2, -2};
      float[] expected = new float[36];
      for (int r = 0; r < 3; r++) {
        System.arraycopy(row, 0, expected, r * 12, 12);
      }
      assertArrayEquals(expected, fetch(s, Layers.upsampleNearest(tf, pair, 3)), 0f);
      // the same as TF's own nearest-neighbour resize at that size
      Operand<TFloat32> random = input(tf, 2, 3, 5, 4);
      assertArrayEquals(
          fetch(s, tf.image.resizeNearestNeighbor(random, tf.constant(new int[] {6, 10}))),
          fetch(s, Layers.upsampleNearest(tf, random, 2)),
          0f);
      assertThrows(IllegalArgumentException.class, () -> Layers.upsampleNearest(tf, x, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void reluRnnFollowsItsEquation(Mode mode) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, "r", mode, 0);
      Operand<TFloat32> x1 = tf.constant(new float[][] {{1f}});
      Operand<TFloat32> x2 = tf.constant(new float[][] {{-2f}});
      List<Operand<TFloat32>> h =
          Layers.rnn(
              net,
              "rnn",
              List.of(x1, x2),
              new RnnSpec(Layers.Cell.RELU, 1, 1, Init.constant(0.5f)));
      // h1 = relu(0.5·1 + 0.5) = 1; h2 = relu(0.5·(−2) + 0.5·1 + 0.5) = 0
      assertEquals(1f, fetch(s, h.get(0))[0], 1e-6);
      assertEquals(0f, fetch(s, h.get(1))[0], 1e-6);
    }
  }
}
