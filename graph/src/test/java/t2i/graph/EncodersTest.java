package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class EncodersTest {
  static Operand<TInt32> chars(Ops tf, int n, int seed) {
    int[] ids = new int[n * 201];
    Random r = new Random(seed);
    for (int i = 0; i < ids.length; i++) {
      ids[i] = i % 201 < 120 ? 1 + r.nextInt(70) : 0;
    }
    return tf.constant(Shape.of(n, 201), DataBuffers.of(ids));
  }

  @Test
  void reedTextEncoderHasReedsShapes() {
    TextEncoderConfig c = TextEncoderConfig.reed();
    assertEquals(8, c.timeSteps());
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, TextEncoder.PREFIX, Mode.TRAINING, 0);
      var emb = TextEncoder.build(net, c, chars(tf, 2, 0));
      assertEquals(Shape.of(2, 1024), GraphTesting.shape(s, emb));
      // conv 70·384·4+384, 384·512·4+512, 512·256·4+256; rnn 256·256·2+256; proj 256·1024+1024
      long expected =
          70 * 384 * 4
              + 384
              + 384 * 512 * 4
              + 512
              + 512 * 256 * 4
              + 256
              + 2 * 256 * 256
              + 256
              + 256 * 1024
              + 1024;
      assertEquals(expected, net.parameterCount());
      assertEquals("txtenc_conv1_w", net.trainable().get(0).op().name());
    }
  }

  @Test
  void gruTextEncoderAndTinyPresetBuild() {
    TextEncoderConfig gru =
        new TextEncoderConfig(70, 201, List.of(8, 8, 8), 4, 3, 2, Layers.Cell.GRU, 6, 10, 0.08f);
    for (TextEncoderConfig c : new TextEncoderConfig[] {gru, TextEncoderConfig.tiny()}) {
      try (Graph g = new Graph();
          Session s = new Session(g)) {
        Ops tf = Ops.create(g);
        var emb =
            TextEncoder.build(new Network(tf, "txtenc", Mode.TRAINING, 0), c, chars(tf, 3, 1));
        assertEquals(Shape.of(3, c.embeddingDim()), GraphTesting.shape(s, emb));
      }
    }
  }

  @Test
  void paddingContributesNothingAndTextChangesTheEmbedding() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      int[] a = new int[2 * 201];
      for (int i = 0; i < 50; i++) {
        a[i] = 1 + i % 26;
        a[201 + i] = 1 + (i + 3) % 26;
      }
      var emb =
          TextEncoder.build(
              new Network(tf, "txtenc", Mode.TRAINING, 0),
              TextEncoderConfig.tiny(),
              tf.constant(Shape.of(2, 201), DataBuffers.of(a)));
      float[] out = GraphTesting.fetch(s, emb);
      float[] first = Arrays.copyOf(out, 16);
      float[] second = Arrays.copyOfRange(out, 16, 32);
      assertNotEquals(Arrays.toString(first), Arrays.toString(second));
    }
  }

  @Test
  void imageEncoderFromPixelsAndFromFeatures() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Network pixels = new Network(tf, ImageEncoder.PREFIX, Mode.TRAINING, 0);
      var images =
          tf.constant(
              Shape.of(2, 64, 64, 3),
              DataBuffers.of(GraphTesting.seeded(2 * 64 * 64 * 3, 0, 0.5f)));
      assertEquals(
          Shape.of(2, 1024),
          GraphTesting.shape(s, ImageEncoder.build(pixels, ImageEncoderConfig.cpu(), images)));
      assertEquals(6, pixels.updates().size()); // three batch norms

      Network identity = new Network(tf, "feat", Mode.TRAINING, 0);
      float[] f = GraphTesting.seeded(2 * 1024, 1, 1f);
      var features = tf.constant(Shape.of(2, 1024), DataBuffers.of(f));
      assertArrayEquals(
          f,
          GraphTesting.fetch(
              s,
              ImageEncoder.build(identity, ImageEncoderConfig.cpu().withFeatures(1024), features)));
      assertTrue(identity.trainable().isEmpty());

      Network linear = new Network(tf, "lin", Mode.TRAINING, 0);
      var projected =
          ImageEncoder.build(
              linear,
              ImageEncoderConfig.cpu().withFeatures(300),
              tf.constant(Shape.of(2, 300), DataBuffers.of(GraphTesting.seeded(600, 2, 1f))));
      assertEquals(Shape.of(2, 1024), GraphTesting.shape(s, projected));
    }
  }

  @Test
  void imageAndStyleEncodersTakeTheirConfigsGeometry() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      var labelMaps =
          tf.constant(
              Shape.of(2, 32, 32, 5),
              DataBuffers.of(GraphTesting.seeded(2 * 32 * 32 * 5, 0, 0.5f)));
      Network image = new Network(tf, ImageEncoder.PREFIX, Mode.TRAINING, 0);
      ImageEncoderConfig c = ImageEncoderConfig.tiny().withImage(32, 5);
      assertEquals(Shape.of(2, 16), GraphTesting.shape(s, ImageEncoder.build(image, c, labelMaps)));
      // 32 → 16 → 8 → 4: three convolutions, width 4 → 8 → 16, then 4·4·16 features
      assertEquals(
          List.of(
              "imgenc_conv1_w",
              "imgenc_conv1_b",
              "imgenc_conv2_w",
              "imgenc_bn2_gamma",
              "imgenc_bn2_beta",
              "imgenc_conv3_w",
              "imgenc_bn3_gamma",
              "imgenc_bn3_beta",
              "imgenc_proj_w",
              "imgenc_proj_b"),
          image.trainable().stream().map(v -> v.op().name()).toList());
      assertEquals(Shape.of(4 * 4 * 16, 16), image.trainable().get(8).shape());

      Network style = new Network(tf, StyleEncoder.PREFIX, Mode.TRAINING, 0);
      StyleEncoderConfig sc = StyleEncoderConfig.preset("tiny", 7).withImage(32, 5);
      assertEquals(Shape.of(2, 7), GraphTesting.shape(s, StyleEncoder.build(style, sc, labelMaps)));
      assertEquals(Shape.of(4, 4, 5, 4), style.trainable().get(0).shape());
    }
  }

  @Test
  void inferenceModeHasNoUpdates() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, ImageEncoder.PREFIX, Mode.INFERENCE, 0);
      ImageEncoder.build(
          net,
          ImageEncoderConfig.tiny(),
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64, 64, 3))));
      assertTrue(net.updates().isEmpty());
      // conv1 w + b, conv2–4 w, three batch norms × (γ, β, mean, variance), proj w + b
      assertEquals(5 + 12 + 2, net.all().size());
    }
  }
}
