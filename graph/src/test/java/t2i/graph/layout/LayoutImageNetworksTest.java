package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.graph.GanLoss;
import t2i.graph.GraphTesting;
import t2i.graph.Mode;
import t2i.graph.Network;

class LayoutImageNetworksTest {
  static final int CLASSES = 5;
  static final int EMBEDDING = 6;

  static LayoutImageConfig tiny() {
    return LayoutImageConfig.tiny(CLASSES, EMBEDDING);
  }

  /** Binary label maps {@code [n, side, side, classes]}, about a quarter of the pixels set. */
  static float[] labelMaps(int n, int side, int classes, long seed) {
    Random r = new Random(seed);
    float[] m = new float[n * side * side * classes];
    for (int i = 0; i < m.length; i++) {
      m[i] = r.nextInt(4) == 0 ? 1f : 0f;
    }
    return m;
  }

  static Operand<TFloat32> constant(Ops tf, float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "cpu", "paper"})
  void everyPresetHasItsDocumentedShapes(String preset) {
    LayoutImageConfig c = LayoutImageConfig.preset(preset, 20, 256);
    int s = c.imageSize();
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> m = constant(tf, labelMaps(2, s, 20, 1), 2, s, s, 20);
      Operand<TFloat32> text = constant(tf, GraphTesting.seeded(2 * 256, 2, 1f), 2, 256);
      Operand<TFloat32> z = constant(tf, GraphTesting.seeded(2 * c.zDim(), 3, 1f), 2, c.zDim());
      Network gen = new Network(tf, LayoutImageGenerator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> images = LayoutImageGenerator.build(gen, c, m, text, z);
      Network disc = new Network(tf, LayoutImageDiscriminator.PREFIX, Mode.TRAINING, 1);
      Operand<TFloat32> logits = LayoutImageDiscriminator.build(disc, c, images, m, text);
      assertEquals(Shape.of(2, s, s, 3), images.shape());
      assertEquals(Shape.of(2), logits.shape());
      // The encoder halves the side per convolution; every refinement layer takes the label map.
      int in = 20;
      for (int i = 0; i < c.encoderWidths().size(); i++) {
        int w = c.encoderWidths().get(i);
        assertEquals(Shape.of(4, 4, in, w), variable(gen, "limg_enc" + (i + 1) + "_w").shape());
        in = w;
      }
      assertEquals(Shape.of(256, c.features()), variable(gen, "limg_gate_w").shape());
      assertEquals(
          Shape.of(3, 3, c.features() + c.textDim() + c.zDim(), c.features()),
          variable(gen, "limg_joint_w").shape());
      for (int i = 0; i < c.decoderWidths().size(); i++) {
        int w = c.decoderWidths().get(i);
        assertEquals(
            Shape.of(3, 3, in + 20, w), variable(gen, "limg_dec" + (i + 1) + "_w").shape());
        in = w;
      }
      assertEquals(Shape.of(4, 4, 23, c.ndf()), variable(disc, "limgd_conv1_w").shape());
      assertTrue(gen.trainable().stream().allMatch(v -> v.op().name().startsWith("limg_")));
      assertTrue(disc.trainable().stream().allMatch(v -> v.op().name().startsWith("limgd_")));
      if (!preset.equals("paper")) { // 128×128 is a GPU's job: its shapes are checked, not run
        assertEquals(Shape.of(2, s, s, 3), GraphTesting.shape(session, images));
        for (float v : GraphTesting.fetch(session, images)) {
          assertTrue(v > -1f && v < 1f, "tanh output " + v);
        }
        assertEquals(Shape.of(2), GraphTesting.shape(session, logits));
      }
    }
  }

  @Test
  void aBadConfigIsRefusedWithItsValues() {
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LayoutImageConfig(5, 6, 16, 4, 4, List.of(4, 8), 1, List.of(4), 4, 4));
    assertTrue(e.getMessage().contains("1 decoder layers for 2 encoder layers"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new LayoutImageConfig(
                    5, 6, 16, 4, 4, List.of(4, 4, 4, 4), 0, List.of(4, 4, 4, 4), 4, 4));
    assertTrue(e.getMessage().contains("4 halvings of a 16-pixel image"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> LayoutImageConfig.preset("huge", 5, 6));
    assertTrue(e.getMessage().contains("huge"), e.getMessage());
  }

  /**
   * G on fed label maps, texts and noise, its variables at hand to overwrite. Training mode: batch
   * norm keeps the signal at unit scale from layer to layer, where the untrained moving statistics
   * of inference mode would shrink it by DCGAN's 0.02 at every layer. Rows that are equal in a
   * batch stay equal; rows that differ only in one input differ in the image only through it.
   */
  static final class Probe implements AutoCloseable {
    final LayoutImageConfig c = tiny();
    final Graph g = new Graph();
    final Ops tf = Ops.create(g);
    final Placeholder<TFloat32> m;
    final Placeholder<TFloat32> text;
    final Placeholder<TFloat32> z;
    final Network gen;
    final Operand<TFloat32> images;
    final Session session;

    Probe() {
      int s = c.imageSize();
      m = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, s, s, CLASSES)));
      text = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, EMBEDDING)));
      z = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.zDim())));
      gen = new Network(tf, LayoutImageGenerator.PREFIX, Mode.TRAINING, 7);
      images = LayoutImageGenerator.build(gen, c, m, text, z);
      session = new Session(g);
      session.initialize();
    }

    /** The images of rows (label map i, text i, z i), each a float[] of S·S·3 values. */
    float[][] run(float[] maps, float[] texts, float[] noise, int n) {
      int s = c.imageSize();
      try (TFloat32 mt = GraphTesting.tensor(Shape.of(n, s, s, CLASSES), maps);
          TFloat32 tt = GraphTesting.tensor(Shape.of(n, EMBEDDING), texts);
          TFloat32 zt = GraphTesting.tensor(Shape.of(n, c.zDim()), noise);
          Result r = session.runner().feed(m, mt).feed(text, tt).feed(z, zt).fetch(images).run()) {
        float[] all = new float[n * s * s * 3];
        ((TFloat32) r.get(0)).asRawTensor().data().asFloats().read(all);
        float[][] rows = new float[n][s * s * 3];
        for (int i = 0; i < n; i++) {
          System.arraycopy(all, i * s * s * 3, rows[i], 0, s * s * 3);
        }
        return rows;
      }
    }

    /** Two different label maps with the same text and noise. */
    float[][] twoLayouts() {
      int s = c.imageSize();
      float[] maps = labelMaps(2, s, CLASSES, 11);
      float[] t = GraphTesting.seeded(EMBEDDING, 12, 1f);
      float[] noise = GraphTesting.seeded(c.zDim(), 13, 1f);
      return run(maps, concat(t, t), concat(noise, noise), 2);
    }

    float[] value(String name) {
      return GraphTesting.fetch(session, variable(gen, name));
    }

    void set(String name, float[] values) {
      Variable<TFloat32> v = variable(gen, name);
      session.runner().addTarget(tf.assign(v, constant(tf, values, v.shape().asArray()))).run();
    }

    /** Zeroes the label map's input channels of decoder layer {@code layer} (1-based). */
    void cutLabelMapAt(int layer) {
      String name = "limg_dec" + layer + "_w";
      float[] w = value(name);
      long[] shape = variable(gen, name).shape().asArray();
      int in = (int) shape[2];
      int out = (int) shape[3];
      int features = in - CLASSES; // the upsampled features come first, then M
      for (int k = 0; k < 9; k++) {
        for (int ch = features; ch < in; ch++) {
          for (int o = 0; o < out; o++) {
            w[(k * in + ch) * out + o] = 0f;
          }
        }
      }
      set(name, w);
    }

    void zeroEncoder() {
      for (int i = 1; i <= c.encoderWidths().size(); i++) {
        set("limg_enc" + i + "_w", new float[value("limg_enc" + i + "_w").length]);
      }
    }

    @Override
    public void close() {
      session.close();
      g.close();
    }
  }

  @Test
  void theLabelMapReachesTheImageThroughEveryDecoderLayerOnItsOwn() {
    try (Probe p = new Probe()) {
      int layers = p.c.decoderWidths().size();
      p.zeroEncoder(); // A = 0: M can only come in through the refinement layers
      float[][] saved = new float[layers + 1][];
      for (int j = 1; j <= layers; j++) {
        saved[j] = p.value("limg_dec" + j + "_w");
      }
      for (int keep = 1; keep <= layers; keep++) {
        for (int j = 1; j <= layers; j++) {
          p.set("limg_dec" + j + "_w", saved[j]);
          if (j != keep) {
            p.cutLabelMapAt(j);
          }
        }
        float[][] rows = p.twoLayouts();
        assertTrue(
            maxDifference(rows[0], rows[1]) > 1e-4,
            "M entering at decoder layer " + keep + " alone does not change the image");
      }
      for (int j = 1; j <= layers; j++) {
        p.cutLabelMapAt(j);
      }
      float[][] rows = p.twoLayouts();
      assertArrayEquals(rows[0], rows[1], 1e-6f, "with every path cut, M must not matter");
    }
  }

  @Test
  void aClosedTextGateShutsTheEncodedLabelMapOutAndAnOpenOneLetsItIn() {
    try (Probe p = new Probe()) {
      for (int j = 1; j <= p.c.decoderWidths().size(); j++) {
        p.cutLabelMapAt(j); // M can only come in through A ⊙ σ(FC(s))
      }
      int d = p.c.features();
      p.set("limg_gate_w", new float[EMBEDDING * d]);
      p.set("limg_gate_b", filled(d, -40f)); // σ(−40) ≈ 4e−18
      float[][] closed = p.twoLayouts();
      assertArrayEquals(closed[0], closed[1], 1e-6f, "a closed gate still lets A through");
      p.set("limg_gate_b", filled(d, 40f));
      float[][] open = p.twoLayouts();
      assertTrue(maxDifference(open[0], open[1]) > 1e-4, "an open gate does not let A through");
    }
  }

  @Test
  void theTextAndTheNoiseChangeTheImageOfOneLayout() {
    try (Probe p = new Probe()) {
      int s = p.c.imageSize();
      float[] map = labelMaps(1, s, CLASSES, 21);
      float[] t1 = GraphTesting.seeded(EMBEDDING, 22, 1f);
      float[] t2 = GraphTesting.seeded(EMBEDDING, 23, 1f);
      float[] z1 = GraphTesting.seeded(p.c.zDim(), 24, 1f);
      float[] z2 = GraphTesting.seeded(p.c.zDim(), 25, 1f);
      float[][] rows = p.run(concat(map, map, map), concat(t1, t2, t1), concat(z1, z1, z2), 3);
      assertTrue(maxDifference(rows[0], rows[1]) > 1e-4, "the text does not matter");
      assertTrue(maxDifference(rows[0], rows[2]) > 1e-4, "the noise does not matter");
    }
  }

  @Test
  void bothLossesReachEveryTrainableWeightOfTheirNetwork() {
    LayoutImageConfig c = tiny();
    int s = c.imageSize();
    int n = 4;
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> m = constant(tf, labelMaps(n, s, CLASSES, 31), n, s, s, CLASSES);
      Operand<TFloat32> right =
          constant(tf, GraphTesting.seeded(n * EMBEDDING, 32, 1f), n, EMBEDDING);
      Operand<TFloat32> wrong =
          constant(tf, GraphTesting.seeded(n * EMBEDDING, 33, 1f), n, EMBEDDING);
      Operand<TFloat32> real =
          constant(tf, GraphTesting.seeded(n * s * s * 3, 34, 0.5f), n, s, s, 3);
      Operand<TFloat32> z = constant(tf, GraphTesting.seeded(n * c.zDim(), 35, 1f), n, c.zDim());
      Network gen = new Network(tf, LayoutImageGenerator.PREFIX, Mode.TRAINING, 0);
      Network disc = new Network(tf, LayoutImageDiscriminator.PREFIX, Mode.TRAINING, 1);
      Operand<TFloat32> fake = LayoutImageGenerator.build(gen, c, m, right, z);
      Operand<TFloat32> realFeatures = LayoutImageDiscriminator.features(disc, c, real, m);
      Operand<TFloat32> sr = LayoutImageDiscriminator.score(disc, c, realFeatures, right);
      Operand<TFloat32> sw = LayoutImageDiscriminator.score(disc.reuse(), c, realFeatures, wrong);
      Operand<TFloat32> sf = LayoutImageDiscriminator.build(disc.reuse(), c, fake, m, right);
      Operand<TFloat32> lossD = GanLoss.discriminator(tf, sr, sw, sf);
      Operand<TFloat32> lossG =
          tf.math.add(
              GanLoss.generator(tf, sf, null),
              tf.math.mul(new PerceptualLoss(tf, 3).between(fake, real), tf.constant(10f)));
      assertNonZeroGradients(session, tf, lossD, disc);
      assertNonZeroGradients(session, tf, lossG, gen);
    }
  }

  private static void assertNonZeroGradients(
      Session session, Ops tf, Operand<TFloat32> loss, Network net) {
    var gradients = tf.gradients(loss, net.trainable());
    Session.Runner runner = session.runner();
    for (int i = 0; i < net.trainable().size(); i++) {
      runner.fetch(gradients.<TFloat32>dy(i));
    }
    try (Result r = runner.run()) {
      for (int i = 0; i < net.trainable().size(); i++) {
        String name = net.trainable().get(i).op().name();
        TFloat32 g = (TFloat32) r.get(i);
        float[] values = new float[(int) g.shape().size()];
        g.asRawTensor().data().asFloats().read(values);
        double total = 0;
        for (float v : values) {
          assertTrue(Float.isFinite(v), name);
          total += Math.abs(v);
        }
        assertTrue(total > 0, "no gradient reaches " + name);
      }
    }
  }

  static Variable<TFloat32> variable(Network net, String name) {
    return net.all().stream()
        .filter(v -> v.op().name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name));
  }

  static float maxDifference(float[] a, float[] b) {
    float max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }

  static float[] filled(int n, float v) {
    float[] out = new float[n];
    java.util.Arrays.fill(out, v);
    return out;
  }

  static float[] concat(float[]... parts) {
    int n = 0;
    for (float[] p : parts) {
      n += p.length;
    }
    float[] out = new float[n];
    int at = 0;
    for (float[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
