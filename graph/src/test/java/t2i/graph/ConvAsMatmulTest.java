package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * The matrix-product convolutions against TF's Conv2D and Conv2DBackpropInput on the same input and
 * filter: outputs and both gradients agree to float32 rounding, and central differences confirm the
 * gradients on tiny shapes.
 */
class ConvAsMatmulTest {
  private static final ConvSpec DOWN = spec(4, 2, Padding.SAME);

  private static ConvSpec spec(int kernel, int stride, Padding padding) {
    return ConvSpec.of(1, 1, Init.normal(0f, 1f))
        .withKernel(kernel)
        .withStride(stride)
        .withPadding(padding);
  }

  private static ConvSpec channels(ConvSpec s, int in, int out) {
    return new ConvSpec(in, out, s.kernel(), s.stride(), s.padding(), s.weights(), s.bias());
  }

  @ParameterizedTest(name = "4x4 stride 2 SAME, [{0}, {1}, {2}, {3}] -> {4} channels")
  @CsvSource({"2, 8, 8, 3, 5", "3, 4, 6, 4, 2", "1, 2, 2, 1, 1", "2, 16, 16, 8, 16"})
  void downsamplingMatchesConv2D(int n, int h, int w, int in, int out) {
    ConvSpec s = channels(DOWN, in, out);
    assertMatchesNative(
        n,
        h,
        w,
        in,
        new long[] {4, 4, in, out},
        (tf, x, f) -> ConvAsMatmul.conv2d(tf, x, f, s, 4, 4),
        (tf, x, f) -> tf.nn.conv2d(x, f, List.of(1L, 2L, 2L, 1L), "SAME"));
  }

  @ParameterizedTest(name = "4x4 stride 2 SAME transposed, [{0}, {1}, {2}, {3}] -> {4} channels")
  @CsvSource({"2, 4, 4, 5, 3", "3, 3, 5, 2, 4", "1, 1, 1, 1, 1", "2, 8, 8, 16, 8"})
  void upsamplingMatchesConv2DBackpropInput(int n, int h, int w, int in, int out) {
    ConvSpec s = channels(DOWN, in, out);
    assertMatchesNative(
        n,
        h,
        w,
        in,
        new long[] {4, 4, out, in},
        (tf, x, f) -> ConvAsMatmul.deconv2d(tf, x, f, s, h, w),
        (tf, x, f) ->
            tf.nn.conv2dBackpropInput(
                tf.constant(new int[] {n, 2 * h, 2 * w, out}),
                f,
                x,
                List.of(1L, 2L, 2L, 1L),
                "SAME"));
  }

  @Test
  void pointwiseMatchesConv2D() {
    ConvSpec s = channels(spec(1, 1, Padding.SAME), 6, 4);
    assertMatchesNative(
        3,
        4,
        5,
        6,
        new long[] {1, 1, 6, 4},
        (tf, x, f) -> ConvAsMatmul.conv2d(tf, x, f, s, 1, 1),
        (tf, x, f) -> tf.nn.conv2d(x, f, List.of(1L, 1L, 1L, 1L), "SAME"));
  }

  @Test
  void wholeWindowMatchesConv2D() {
    ConvSpec s = channels(spec(4, 1, Padding.VALID), 5, 1);
    assertMatchesNative(
        3,
        4,
        4,
        5,
        new long[] {4, 4, 5, 1},
        (tf, x, f) -> ConvAsMatmul.conv2d(tf, x, f, s, 4, 4),
        (tf, x, f) -> tf.nn.conv2d(x, f, List.of(1L, 1L, 1L, 1L), "VALID"));
  }

  @Test
  void otherShapesAreLeftToTheConvolutionOps() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 2, 8, 8, 3);
      Operand<TFloat32> f = GanGraphTest.random(tf, 2, 3, 3, 3, 4);
      assertTrue(
          ConvAsMatmul.conv2d(tf, x, f, channels(spec(3, 1, Padding.SAME), 3, 4), 3, 3).isEmpty());
      assertTrue(
          ConvAsMatmul.conv2d(tf, x, f, channels(spec(4, 2, Padding.VALID), 3, 4), 4, 4).isEmpty());
      Operand<TFloat32> odd = GanGraphTest.random(tf, 3, 2, 7, 7, 3);
      assertTrue(ConvAsMatmul.conv2d(tf, odd, f, channels(DOWN, 3, 4), 4, 4).isEmpty());
      assertTrue(
          ConvAsMatmul.deconv2d(tf, x, f, channels(spec(3, 2, Padding.SAME), 3, 4), 8, 8)
              .isEmpty());
    }
  }

  @Test
  void downsamplingGradientsMatchCentralDifferences() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 1, 4, 4, 2);
      Operand<TFloat32> f = GanGraphTest.random(tf, 2, 4, 4, 2, 3);
      Operand<TFloat32> y = ConvAsMatmul.conv2d(tf, x, f, channels(DOWN, 2, 3), 4, 4).orElseThrow();
      GradientCheck.assertMatches(tf, s, GradientCheck.weightedSum(tf, y, 3), List.of(x, f));
    }
  }

  @Test
  void upsamplingGradientsMatchCentralDifferences() {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 1, 2, 3, 2);
      Operand<TFloat32> f = GanGraphTest.random(tf, 2, 4, 4, 3, 2);
      Operand<TFloat32> y =
          ConvAsMatmul.deconv2d(tf, x, f, channels(DOWN, 2, 3), 2, 3).orElseThrow();
      GradientCheck.assertMatches(tf, s, GradientCheck.weightedSum(tf, y, 3), List.of(x, f));
    }
  }

  @FunctionalInterface
  private interface Conv {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter);
  }

  @FunctionalInterface
  private interface MaybeConv {
    Optional<Operand<TFloat32>> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> filter);
  }

  /** Same output, d/dx and d/dfilter of a weighted sum, as TF's own op. */
  private static void assertMatchesNative(
      int n, int h, int w, int in, long[] filterShape, MaybeConv ours, Conv native_) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 11, n, h, w, in);
      int[] dims = new int[filterShape.length];
      for (int i = 0; i < dims.length; i++) {
        dims[i] = (int) filterShape[i];
      }
      Operand<TFloat32> f = GanGraphTest.random(tf, 12, dims);
      Operand<TFloat32> mine = ours.apply(tf, x, f).orElseThrow();
      Operand<TFloat32> theirs = native_.apply(tf, x, f);
      assertEquals(
          GraphTesting.shape(s, theirs).toString(),
          GraphTesting.shape(s, mine).toString(),
          "output shape");
      assertClose("output", GraphTesting.fetch(s, theirs), GraphTesting.fetch(s, mine));
      Gradients a = tf.gradients(GradientCheck.weightedSum(tf, mine, 5), List.of(x, f));
      Gradients b = tf.gradients(GradientCheck.weightedSum(tf, theirs, 5), List.of(x, f));
      for (int i = 0; i < 2; i++) {
        assertClose(
            i == 0 ? "d/dx" : "d/dfilter",
            GraphTesting.fetch(s, b.<TFloat32>dy(i)),
            GraphTesting.fetch(s, a.<TFloat32>dy(i)));
      }
    }
  }

  private static void assertClose(String what, float[] expected, float[] actual) {
    assertEquals(expected.length, actual.length, what + " size");
    double scale = 0;
    double maxError = 0;
    for (int i = 0; i < expected.length; i++) {
      scale = Math.max(scale, Math.abs(expected[i]));
      maxError = Math.max(maxError, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(scale > 0, what + " is all zeros: nothing compared");
    assertTrue(
        maxError <= 1e-5 * Math.max(1, scale),
        what + ": max |difference| " + maxError + " (max |value| " + scale + ")");
  }
}
