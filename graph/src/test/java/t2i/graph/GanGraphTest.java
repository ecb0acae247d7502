package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class GanGraphTest {
  static Operand<TFloat32> random(Ops tf, long seed, int... dims) {
    int n = 1;
    long[] shape = new long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      n *= dims[i];
      shape[i] = dims[i];
    }
    return tf.constant(Shape.of(shape), DataBuffers.of(GraphTesting.seeded(n, seed, 0.5f)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny", "cpu", "reed"})
  void generatorAndDiscriminatorShapesForEveryPreset(String preset) {
    GanConfig c = GanConfig.preset(preset);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network gen = new Network(tf, Generator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> text = random(tf, 1, 2, c.embeddingDim());
      Operand<TFloat32> images = Generator.build(gen, c, random(tf, 2, 2, c.zDim()), text);
      assertEquals(Shape.of(2, 64, 64, 3), GraphTesting.shape(s, images));
      for (float v : GraphTesting.fetch(s, images)) {
        assertTrue(v > -1f && v < 1f);
      }
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> logits = Discriminator.build(disc, c, images, text);
      assertEquals(Shape.of(2), GraphTesting.shape(s, logits));
      assertTrue(gen.trainable().stream().allMatch(v -> v.op().name().startsWith("gen_")));
      assertTrue(disc.trainable().stream().allMatch(v -> v.op().name().startsWith("disc_")));
    }
  }

  @ParameterizedTest
  @CsvSource({"8, 3", "32, 5", "128, 3"})
  void imageGeometryComesFromTheConfig(int imageSize, int imageChannels) {
    GanConfig c = GanConfig.tiny().withImage(imageSize, imageChannels);
    int doublings = Integer.numberOfTrailingZeros(imageSize / 4);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network gen = new Network(tf, Generator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> text = random(tf, 1, 2, c.embeddingDim());
      Operand<TFloat32> images = Generator.build(gen, c, random(tf, 2, 2, c.zDim()), text);
      assertEquals(Shape.of(2, imageSize, imageSize, imageChannels), images.shape());
      assertEquals(Shape.of(2, imageSize, imageSize, imageChannels), GraphTesting.shape(s, images));
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0);
      assertEquals(Shape.of(2), GraphTesting.shape(s, Discriminator.build(disc, c, images, text)));
      // ngf at half the side, doubling per step towards 4×4; the last step to the image's channels
      assertEquals(
          Shape.of(4, 4, imageChannels, c.ngf()), variable(gen, "gen_deconv" + doublings).shape());
      assertEquals(
          Shape.of(c.zDim() + c.textDim(), 16 * (c.ngf() << (doublings - 1))),
          variable(gen, "gen_fc_w").shape());
      assertEquals(Shape.of(4, 4, imageChannels, c.ndf()), variable(disc, "disc_conv1_w").shape());
      assertEquals(
          Shape.of(
              4,
              4,
              doublings == 1 ? imageChannels : c.ndf() << (doublings - 2),
              c.ndf() << (doublings - 1)),
          variable(disc, "disc_conv" + doublings + "_w").shape());
    }
  }

  @Test
  void imagesOfAnotherGeometryThanTheConfigsAreRejected() {
    GanConfig c = GanConfig.tiny();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0);
      var e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  Discriminator.build(
                      disc, c, random(tf, 1, 2, 32, 32, 3), random(tf, 2, 2, c.embeddingDim())));
      assertTrue(e.getMessage().contains("[N, 64, 64, 3]"), e.getMessage());
    }
    var e = assertThrows(IllegalArgumentException.class, () -> c.withImage(48, 3));
    assertTrue(e.getMessage().contains("was 48"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> c.withImage(4, 3));
    assertThrows(IllegalArgumentException.class, () -> c.withImage(64, 0));
  }

  private static Variable<TFloat32> variable(Network net, String name) {
    return net.all().stream()
        .filter(v -> v.op().name().equals(name) || v.op().name().equals(name + "_w"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name));
  }

  @Test
  void discriminatorAppliedAgainSharesItsVariablesAndUpdatesOnce() {
    GanConfig c = GanConfig.tiny();
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> images = random(tf, 3, 2, 64, 64, 3);
      Operand<TFloat32> text = random(tf, 4, 2, c.embeddingDim());
      Operand<TFloat32> first = Discriminator.build(disc, c, images, text);
      int variables = disc.all().size();
      int updates = disc.updates().size();
      Operand<TFloat32> again = Discriminator.build(disc.reuse(), c, images, text);
      assertEquals(variables, disc.all().size());
      assertEquals(updates, disc.updates().size());
      assertArrayEquals(GraphTesting.fetch(s, first), GraphTesting.fetch(s, again), 1e-6f);
    }
  }

  @Test
  void ganClsLossesOnHandSetLogitsEqualTheFormula() {
    float[] r = {2f, -1f};
    float[] w = {0.5f, 3f};
    float[] f = {-2f, 0f};
    float[] i = {1f, -4f};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      double dCls = ce(r, 1) + (ce(w, 0) + ce(f, 0)) / 2;
      double dGan = ce(r, 1) + ce(f, 0);
      double gInt = ce(f, 1) + ce(i, 1);
      assertEquals(
          dCls,
          GraphTesting.fetch(
              s, GanLoss.discriminator(tf, tf.constant(r), tf.constant(w), tf.constant(f)))[0],
          1e-6);
      assertEquals(
          dGan,
          GraphTesting.fetch(s, GanLoss.discriminator(tf, tf.constant(r), null, tf.constant(f)))[0],
          1e-6);
      assertEquals(
          ce(f, 1), GraphTesting.fetch(s, GanLoss.generator(tf, tf.constant(f), null))[0], 1e-6);
      assertEquals(
          gInt,
          GraphTesting.fetch(s, GanLoss.generator(tf, tf.constant(f), tf.constant(i)))[0],
          1e-6);
      // Large logits stay finite: the naive −log(sigmoid(x)) would give infinity at −200.
      assertEquals(
          200.0,
          GraphTesting.fetch(s, GanLoss.crossEntropy(tf, tf.constant(new float[] {-200f}), 1f))[0],
          1e-3);
    }
  }

  /** Mean of −[z·log σ(x) + (1 − z)·log(1 − σ(x))], computed in double. */
  static double ce(float[] logits, double z) {
    double sum = 0;
    for (float x : logits) {
      double p = 1 / (1 + Math.exp(-x));
      sum += -(z * Math.log(p) + (1 - z) * Math.log(1 - p));
    }
    return sum / logits.length;
  }

  @Test
  void hingeLossesOnHandSetLogitsEqualTheFormula() {
    // L_D = mean(max(0, 1 - r)) + (mean(max(0, 1 + w)) + mean(max(0, 1 + f))) / 2
    //     = mean(0, 0.5) + (mean(0, 1) + mean(1.5, 0)) / 2 = 0.25 + 0.625.
    float[] r = {2f, 0.5f};
    float[] w = {-2f, 0f};
    float[] f = {0.5f, -3f};
    float[] i = {1f, 2f};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> sr = tf.constant(r);
      Operand<TFloat32> sf = tf.constant(f);
      assertEquals(
          0.875f,
          GraphTesting.fetch(s, GanLoss.hingeDiscriminator(tf, sr, tf.constant(w), sf))[0],
          1e-6f);
      assertEquals(
          1f, GraphTesting.fetch(s, GanLoss.hingeDiscriminator(tf, sr, null, sf))[0], 1e-6f);
      assertEquals(1.25f, GraphTesting.fetch(s, GanLoss.hingeGenerator(tf, sf, null))[0], 1e-6f);
      assertEquals(
          -0.25f, GraphTesting.fetch(s, GanLoss.hingeGenerator(tf, sf, tf.constant(i)))[0], 1e-6f);
    }
  }

  @Test
  void gradientsOfBothLossesReachEveryWeightOfTheirNetwork() {
    GanConfig c = GanConfig.tiny();
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network gen = new Network(tf, Generator.PREFIX, Mode.TRAINING, 0);
      Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0);
      Operand<TFloat32> right = random(tf, 1, 4, c.embeddingDim());
      Operand<TFloat32> wrong = random(tf, 2, 4, c.embeddingDim());
      Operand<TFloat32> real = random(tf, 3, 4, 64, 64, 3);
      Operand<TFloat32> fake = Generator.build(gen, c, random(tf, 4, 4, c.zDim()), right);
      Operand<TFloat32> sr = Discriminator.build(disc, c, real, right);
      Operand<TFloat32> sw = Discriminator.build(disc.reuse(), c, real, wrong);
      Operand<TFloat32> sf = Discriminator.build(disc.reuse(), c, fake, right);
      Operand<TFloat32> lossD = GanLoss.discriminator(tf, sr, sw, sf);
      Operand<TFloat32> lossG = GanLoss.generator(tf, sf, null);
      var gradD = tf.gradients(lossD, disc.trainable());
      var gradG = tf.gradients(lossG, gen.trainable());
      s.initialize();
      for (int i = 0; i < disc.trainable().size(); i++) {
        for (float v : GraphTesting.fetch(s, gradD.<TFloat32>dy(i))) {
          assertTrue(Float.isFinite(v), disc.trainable().get(i).op().name());
        }
      }
      double total = 0;
      for (int i = 0; i < gen.trainable().size(); i++) {
        for (float v : GraphTesting.fetch(s, gradG.<TFloat32>dy(i))) {
          assertTrue(Float.isFinite(v), gen.trainable().get(i).op().name());
          total += Math.abs(v);
        }
      }
      assertTrue(total > 0, "L_G has no gradient on G");
    }
  }

  @Test
  void lerpGoesFromATowardsBWithBeta() {
    float[][] t1 = {{1f, 2f}, {0f, -4f}};
    float[][] t2 = {{3f, 0f}, {2f, 4f}};
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a = tf.constant(t1);
      Operand<TFloat32> b = tf.constant(t2);
      assertArrayEquals(
          new float[] {2f, 1f, 1f, 0f},
          GraphTesting.fetch(s, Lerp.of(tf, a, b, tf.constant(0.5f))));
      assertArrayEquals(
          new float[] {1f, 2f, 0f, -4f}, GraphTesting.fetch(s, Lerp.of(tf, a, b, tf.constant(0f))));
      assertArrayEquals(
          new float[] {3f, 0f, 2f, 4f}, GraphTesting.fetch(s, Lerp.of(tf, a, b, tf.constant(1f))));
      // one β per row: row 0 at a, row 1 at b
      assertArrayEquals(
          new float[] {1f, 2f, 2f, 4f},
          GraphTesting.fetch(s, Lerp.of(tf, a, b, tf.constant(new float[][] {{0f}, {1f}}))));
    }
  }
}
