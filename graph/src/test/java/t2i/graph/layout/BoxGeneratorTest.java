package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.GradientCheck;
import t2i.graph.GraphTesting;
import t2i.graph.Mode;
import t2i.graph.Network;

class BoxGeneratorTest {
  static final int D = 4;
  static final int CLASSES = 3;
  static final int END = CLASSES;
  static final int STEPS = 3;

  // Row 0: three objects, no end label. Row 1: one object, the end, then padding.
  static final int[] LABELS = {2, 0, 1, 1, END, 0};
  static final float[] BOXES = {
    0.1f, 0.5f, 0.2f, 0.3f, 0.4f, 0.6f, 0.1f, 0.2f, 0.7f, 0.4f, 0.3f, 0.3f, //
    0.3f, 0.3f, 0.4f, 0.4f, 0.9f, 0.9f, 0.1f, 0.1f, 0.5f, 0.5f, 0.5f, 0.5f
  };

  static Operand<TFloat32> sentence(Ops tf) {
    return tf.constant(Shape.of(2, D), DataBuffers.of(GraphTesting.seeded(2 * D, 3, 1f)));
  }

  /** The loss for several label and box feeds of one graph. */
  static float[] losses(List<int[]> labels, List<float[]> boxes) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      BoxGenerator gen =
          new BoxGenerator(
              new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 5),
              BoxGeneratorConfig.tiny(D, CLASSES, STEPS).withInitLimit(0.5f));
      Placeholder<TInt32> l = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2, STEPS)));
      Placeholder<TFloat32> b =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(2, STEPS, 4)));
      Operand<TFloat32> loss = gen.loss(sentence(tf), l, b).total();
      float[] out = new float[labels.size()];
      for (int i = 0; i < out.length; i++) {
        try (TInt32 tl = TInt32.tensorOf(Shape.of(2, STEPS), DataBuffers.of(labels.get(i)));
            TFloat32 tb = GraphTesting.tensor(Shape.of(2, STEPS, 4), boxes.get(i));
            Result r = s.runner().feed(l, tl).feed(b, tb).fetch(loss).run()) {
          out[i] = ((TFloat32) r.get(0)).getFloat();
        }
      }
      return out;
    }
  }

  @Test
  void stepsAfterTheEndLabelChangeNothing() {
    float[] afterEnd = BOXES.clone();
    for (int i = 16; i < 24; i++) { // row 1: the end step's box and the padding's
      afterEnd[i] = i % 2 == 0 ? 1e6f : Float.NaN;
    }
    float[] realObject = BOXES.clone();
    realObject[12] = 0.6f; // row 1's only object
    int[] paddingLabel = LABELS.clone();
    paddingLabel[5] = 2;
    float[] loss =
        losses(
            List.of(LABELS, LABELS, paddingLabel, LABELS),
            List.of(BOXES, afterEnd, BOXES, realObject));
    assertTrue(Float.isFinite(loss[0]), "loss " + loss[0]);
    assertEquals(loss[0], loss[1], 0f, "boxes after the end");
    assertEquals(loss[0], loss[2], 0f, "labels after the end");
    assertNotEquals(loss[0], loss[3], "a real object's box");
  }

  /** −log N(v; μ, σ) of one coordinate. */
  static double negLogNormal(double v, double mu, double sigma) {
    double d = (v - mu) / sigma;
    return 0.5 * d * d + Math.log(sigma) + 0.5 * Math.log(2 * Math.PI);
  }

  @Test
  void aHandSetNetworkHasTheHandComputedLoss() {
    // Zero weights: h_t = 0, both components μ = 0, σ = floor + 1, ρ = 0; except
    // that the (w, h) head maps its x_t input to μ_w and y_t to μ_h. Teacher forcing must feed it
    // the true (x_t, y_t) of the same step.
    BoxGeneratorConfig config = BoxGeneratorConfig.tiny(D, CLASSES, STEPS);
    int k = config.components();
    int whInputs = config.hidden() + config.labelLogits() + 2;
    float[] wh = new float[whInputs * BivariateGmm.rawSize(k)];
    for (int c = 0; c < k; c++) {
      wh[(whInputs - 2) * BivariateGmm.rawSize(k) + k + c] = 1f; // x_t → μ_w (block 1)
      wh[(whInputs - 1) * BivariateGmm.rawSize(k) + 2 * k + c] = 1f; // y_t → μ_h (block 2)
    }
    double sigma = config.sigmaFloor() + 1;
    double boxNll = 0;
    int objects = 0;
    for (int r = 0; r < 2; r++) {
      for (int t = 0; t < STEPS && LABELS[r * STEPS + t] != END; t++) {
        int i = (r * STEPS + t) * 4;
        boxNll +=
            negLogNormal(BOXES[i], 0, sigma)
                + negLogNormal(BOXES[i + 1], 0, sigma)
                + negLogNormal(BOXES[i + 2], BOXES[i], sigma)
                + negLogNormal(BOXES[i + 3], BOXES[i + 1], sigma);
        objects++;
      }
    }
    assertEquals(4, objects);
    boxNll /= objects;
    // The label head's bias favours the end by 2: five labels count (row 0's three objects, row
    // 1's object and its end, not its padding), one of them the end.
    float endBias = 2f;
    float[] labelBias = new float[CLASSES + 1];
    labelBias[END] = endBias;
    double logZ = Math.log(CLASSES + Math.exp(endBias));
    double labelNll = logZ - endBias / 5.0;

    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 5);
      BoxGenerator.Loss loss =
          new BoxGenerator(net, config)
              .loss(
                  sentence(tf),
                  tf.constant(Shape.of(2, STEPS), DataBuffers.of(LABELS)),
                  tf.constant(Shape.of(2, STEPS, 4), DataBuffers.of(BOXES)));
      var runner = s.runner();
      List<TFloat32> fed = new ArrayList<>();
      for (var v : net.trainable()) {
        float[] value =
            switch (v.op().name()) {
              case "boxgen_wh_w" -> wh;
              case "boxgen_label_b" -> labelBias;
              default -> new float[(int) v.shape().size()];
            };
        TFloat32 t = GraphTesting.tensor(v.shape(), value);
        fed.add(t);
        runner.feed(v, t);
      }
      try (Result r =
          runner.fetch(loss.labelNll()).fetch(loss.boxNll()).fetch(loss.total()).run()) {
        assertEquals(labelNll, ((TFloat32) r.get(0)).getFloat(), 1e-5);
        assertEquals(boxNll, ((TFloat32) r.get(1)).getFloat(), 1e-5);
        assertEquals(4 * labelNll + boxNll, ((TFloat32) r.get(2)).getFloat(), 1e-4);
      } finally {
        fed.forEach(TFloat32::close);
      }
    }
  }

  @Test
  void boxesMustCoverTheSteps() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      BoxGenerator gen =
          new BoxGenerator(
              new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 5),
              BoxGeneratorConfig.tiny(D, CLASSES, STEPS));
      assertThrows(
          IllegalArgumentException.class,
          () ->
              gen.loss(
                  sentence(tf),
                  tf.constant(Shape.of(2, STEPS), DataBuffers.of(LABELS)),
                  tf.constant(Shape.of(2, STEPS + 1, 4), DataBuffers.of(new float[2 * 16]))));
    }
  }

  /** A two-step loss of a tiny generator; its box term's gradient reaches the LSTM × scale. */
  private static Operand<TFloat32> twoStepLoss(
      Ops tf, Network net, float scale, Operand<TFloat32> sentence) {
    int steps = 2;
    BoxGenerator gen =
        new BoxGenerator(
            net,
            BoxGeneratorConfig.tiny(D, CLASSES, steps)
                .withInitLimit(0.5f)
                .withBoxGradientScale(scale));
    return gen.loss(
            sentence,
            tf.constant(Shape.of(2, steps), DataBuffers.of(new int[] {0, 2, 1, END})),
            tf.constant(
                Shape.of(2, steps, 4),
                DataBuffers.of(
                    0.2f, 0.4f, 0.3f, 0.2f, 0.6f, 0.5f, 0.2f, 0.4f, //
                    0.5f, 0.3f, 0.4f, 0.4f, 0f, 0f, 0f, 0f)))
        .total();
  }

  @Test
  void gradientsThroughAnLstmStepMatchCentralDifferences() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 11);
      Operand<TFloat32> sentence = sentence(tf);
      Operand<TFloat32> loss = twoStepLoss(tf, net, 1f, sentence);
      List<Operand<TFloat32>> xs = new ArrayList<>(net.trainable());
      xs.add(sentence);
      GradientCheck.assertMatches(tf, s, loss, xs);
    }
  }

  @Test
  void theBoxTermsGradientReachesTheLstmScaledAndTheHeadsWhole() {
    float[][] head = new float[2][];
    float[][] lstm = new float[2][];
    float[] losses = new float[2];
    float[] scales = {1f, 0.25f};
    for (int i = 0; i < 2; i++) {
      try (Graph g = new Graph();
          Session s = new Session(g, GraphTesting.ONE_THREAD)) {
        Ops tf = Ops.create(g);
        Network net = new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 11);
        Operand<TFloat32> loss = twoStepLoss(tf, net, scales[i], sentence(tf));
        losses[i] = GraphTesting.fetch(s, loss)[0];
        var vars = net.trainable();
        var xy =
            vars.stream().filter(v -> v.op().name().endsWith("xy_w")).findFirst().orElseThrow();
        var wx =
            vars.stream().filter(v -> v.op().name().endsWith("lstm_wx")).findFirst().orElseThrow();
        var grads = tf.gradients(loss, List.of(xy, wx));
        head[i] = GraphTesting.fetch(s, grads.<TFloat32>dy(0));
        lstm[i] = GraphTesting.fetch(s, grads.<TFloat32>dy(1));
      }
    }
    assertEquals(losses[0], losses[1], 0f, "the loss itself is unchanged");
    assertArrayEquals(head[0], head[1], 1e-6f);
    boolean differs = false;
    for (int j = 0; j < lstm[0].length; j++) {
      differs |= Math.abs(lstm[0][j] - lstm[1][j]) > 1e-6;
    }
    assertTrue(differs, "the LSTM's gradient changes with the scale");
  }

  @Test
  void clippingBoundsTheGlobalNorm() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> grads =
          List.of(tf.constant(new float[] {3f, 0f}), tf.constant(new float[][] {{4f}}));
      List<Operand<TFloat32>> clipped = BoxGenerator.clipByGlobalNorm(tf, grads, 1f);
      List<Operand<TFloat32>> kept = BoxGenerator.clipByGlobalNorm(tf, grads, 10f);
      assertEquals(0.6f, GraphTesting.fetch(s, clipped.get(0))[0], 1e-6f);
      assertEquals(0.8f, GraphTesting.fetch(s, clipped.get(1))[0], 1e-6f);
      assertEquals(3f, GraphTesting.fetch(s, kept.get(0))[0], 1e-6f);
    }
  }
}
