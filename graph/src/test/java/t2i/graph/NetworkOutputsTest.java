package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The tiny networks' outputs on fixed inputs and seeds, as the code computed them before the layer
 * helpers were restructured (one thread): the same variables with the same initial values wired the
 * same way give the same numbers, up to float rounding.
 */
class NetworkOutputsTest {
  @Test
  void tinyNetworksComputeWhatTheyComputedBefore() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      GanConfig c = GanConfig.tiny();
      Operand<TFloat32> text = GanGraphTest.random(tf, 1, 2, c.embeddingDim());
      Operand<TFloat32> z = GanGraphTest.random(tf, 2, 2, c.zDim());
      Operand<TFloat32> real = GanGraphTest.random(tf, 3, 2, 64, 64, 3);
      Operand<TFloat32> images =
          Generator.build(new Network(tf, Generator.PREFIX, Mode.TRAINING, 0), c, z, text);
      Operand<TFloat32> logits =
          Discriminator.build(
              new Network(tf, Discriminator.PREFIX, Mode.TRAINING, 0), c, real, text);
      Operand<TFloat32> imageEmbedding =
          ImageEncoder.build(
              new Network(tf, ImageEncoder.PREFIX, Mode.TRAINING, 0),
              ImageEncoderConfig.tiny(),
              real);
      Operand<TFloat32> style =
          StyleEncoder.build(
              new Network(tf, StyleEncoder.PREFIX, Mode.TRAINING, 0),
              StyleEncoderConfig.preset("tiny", 8),
              real);
      Operand<TFloat32> textEmbedding =
          TextEncoder.build(
              new Network(tf, TextEncoder.PREFIX, Mode.TRAINING, 0),
              TextEncoderConfig.tiny(),
              EncodersTest.chars(tf, 2, 0));

      assertOutput(
          s,
          images,
          24576,
          -218.5383571658058,
          1037.7477759407084,
          -0.013019901f,
          0.014322342f,
          -0.0018536334f,
          0.032571938f);
      assertOutput(
          s, logits, 2, -0.21615642309188843, 0.5102131366729736, 0.14702836f, -0.36318478f);
      assertOutput(
          s,
          imageEmbedding,
          32,
          -16.535323910415173,
          62.4662844017148,
          3.0447748f,
          -2.6313827f,
          0.28780094f,
          -1.3337381f);
      assertOutput(
          s,
          style,
          16,
          0.8072780668735504,
          5.771785691380501,
          -0.526153f,
          0.63893497f,
          -0.08131859f,
          0.10049153f);
      assertOutput(
          s,
          textEmbedding,
          32,
          -0.4779197028838098,
          1.0534628317691386,
          0.034382697f,
          -0.044258453f,
          -0.012514882f,
          0.0051130014f);
    }
  }

  private static void assertOutput(
      Session s, Operand<TFloat32> x, int size, double sum, double absSum, float... first) {
    float[] out = GraphTesting.fetch(s, x);
    assertEquals(size, out.length);
    double actualSum = 0;
    double actualAbs = 0;
    for (float v : out) {
      actualSum += v;
      actualAbs += Math.abs(v);
    }
    assertEquals(sum, actualSum, 1e-4 * absSum);
    assertEquals(absSum, actualAbs, 1e-4 * absSum);
    assertArrayEquals(first, Arrays.copyOf(out, first.length), 1e-5f);
  }
}
