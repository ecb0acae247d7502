package t2i.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The convolutions DCGAN is made of, written as matrix products over rearranged pixels. They are
 * the same functions of the same {@code [k, k, ·, ·]} filters as TF's Conv2D and
 * Conv2DBackpropInput (so checkpoints do not change), but oneDNN runs them much faster as products
 * than through its convolution kernels on the AVX-512 CPU measured in BENCHMARKS.md, forward and
 * backward. Each rearrangement (pad, space-to-depth, slice, concat) has a gradient in TF's C++
 * registry.
 *
 * <p>Three shapes are covered: a 4×4 stride-2 {@code SAME} convolution of an even-sided input (the
 * discriminator's downsampling), its transpose (the generator's upsampling), and a 1×1 stride-1
 * convolution or a {@code VALID} one whose window covers the whole input (both plain products).
 * Anything else answers empty and stays on TF's convolution ops.
 */
final class ConvAsMatmul {
  private static final int[][] PAD_ONE = {{0, 0}, {1, 1}, {1, 1}, {0, 0}};

  private ConvAsMatmul() {}

  /**
   * {@code x [N, H, W, in]} convolved with {@code w [k, k, in, out]}, or empty when the shape is
   * not one of those written here.
   */
  static Optional<Operand<TFloat32>> conv2d(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, ConvSpec spec, int kh, int kw) {
    Shape s = x.shape();
    if (kh != kw || s.numDimensions() != 4 || s.size(1) <= 0 || s.size(2) <= 0) {
      return Optional.empty();
    }
    int h = (int) s.size(1);
    int wd = (int) s.size(2);
    int k = kh;
    if (k == 1 && spec.stride() == 1) {
      return Optional.of(pointwise(tf, x, w, h, wd, spec.in(), spec.out()));
    }
    if (spec.padding() == Padding.VALID && k == h && k == wd) {
      return Optional.of(wholeWindow(tf, x, w, k, spec.in(), spec.out()));
    }
    if (k == 4
        && spec.stride() == 2
        && spec.padding() == Padding.SAME
        && h % 2 == 0
        && wd % 2 == 0) {
      return Optional.of(downsample(tf, x, w, h / 2, wd / 2, spec.in(), spec.out()));
    }
    return Optional.empty();
  }

  /**
   * The transposed convolution of {@code x [N, H, W, in]} with {@code w [k, k, out, in]}, or empty
   * when it is not a 4×4 stride-2 {@code SAME} one.
   */
  static Optional<Operand<TFloat32>> deconv2d(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, ConvSpec spec, int h, int wd) {
    if (spec.kernel() != 4 || spec.stride() != 2 || spec.padding() != Padding.SAME) {
      return Optional.empty();
    }
    return Optional.of(upsample(tf, x, w, h, wd, spec.in(), spec.out()));
  }

  private static Operand<TFloat32> pointwise(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, int h, int wd, int in, int out) {
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, in}));
    Operand<TFloat32> y = tf.linalg.matMul(rows, tf.reshape(w, tf.constant(new int[] {in, out})));
    return tf.reshape(y, tf.constant(new int[] {-1, h, wd, out}));
  }

  /**
   * A VALID k×k window over a k×k input: one output pixel, the flattened input times the filter.
   */
  private static Operand<TFloat32> wholeWindow(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, int k, int in, int out) {
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, k * k * in}));
    Operand<TFloat32> y =
        tf.linalg.matMul(rows, tf.reshape(w, tf.constant(new int[] {k * k * in, out})));
    return tf.reshape(y, tf.constant(new int[] {-1, 1, 1, out}));
  }

  /**
   * 4×4 stride 2, padding 1 on each side. After padding, space-to-depth by 2 turns the 4×4 window
   * at output pixel (i, j) into the 2×2 block of cells (i..i+1, j..j+1), each holding a 2×2 patch
   * (ry, rx) of every channel; the four shifted views side by side are the im2col matrix, with
   * columns ordered (qy, qx, ry, rx, c) for filter tap (2qy + ry, 2qx + rx).
   */
  private static Operand<TFloat32> downsample(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, int oh, int ow, int in, int out) {
    Operand<TFloat32> cells =
        tf.nn.spaceToDepth(tf.pad(x, tf.constant(PAD_ONE), tf.constant(0f)), 2L);
    List<Operand<TFloat32>> shifted = new ArrayList<>(4);
    for (int qy = 0; qy < 2; qy++) {
      for (int qx = 0; qx < 2; qx++) {
        shifted.add(
            tf.slice(
                cells,
                tf.constant(new int[] {0, qy, qx, 0}),
                tf.constant(new int[] {-1, oh, ow, -1})));
      }
    }
    Operand<TFloat32> patches =
        tf.reshape(tf.concat(shifted, tf.constant(3)), tf.constant(new int[] {-1, 16 * in}));
    // [ky, kx, in, out] = [qy, ry, qx, rx, in, out] → [qy, qx, ry, rx, in, out]
    Operand<TFloat32> filter =
        tf.reshape(
            tf.linalg.transpose(
                tf.reshape(w, tf.constant(new int[] {2, 2, 2, 2, in, out})),
                tf.constant(new int[] {0, 2, 1, 3, 4, 5})),
            tf.constant(new int[] {16 * in, out}));
    return tf.reshape(tf.linalg.matMul(patches, filter), tf.constant(new int[] {-1, oh, ow, out}));
  }

  /**
   * The transpose of {@link #downsample}: input pixel (i, j) adds {@code x[i, j] · w[ky, kx]} to
   * output pixel (2i + ky − 1, 2j + kx − 1). In the output padded by one, that pixel lies in 2×2
   * cell (i + qy, j + qx) at position (ry, rx), for tap (2qy + ry, 2qx + rx). So each of the four
   * (qy, qx) is one product {@code [N·H·W, in] × [in, (ry, rx, out)]}, shifted into place by
   * padding; their sum, depth-to-space and the crop of the border give the output.
   */
  private static Operand<TFloat32> upsample(
      Ops tf, Operand<TFloat32> x, Operand<TFloat32> w, int h, int wd, int in, int out) {
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, in}));
    // [ky, kx, out, in] = [qy, ry, qx, rx, out, in]
    Operand<TFloat32> taps = tf.reshape(w, tf.constant(new int[] {2, 2, 2, 2, out, in}));
    List<Operand<TFloat32>> placed = new ArrayList<>(4);
    for (int qy = 0; qy < 2; qy++) {
      for (int qx = 0; qx < 2; qx++) {
        Operand<TFloat32> filter =
            tf.reshape(
                tf.slice(
                    taps,
                    tf.constant(new int[] {qy, 0, qx, 0, 0, 0}),
                    tf.constant(new int[] {1, 2, 1, 2, out, in})),
                tf.constant(new int[] {4 * out, in}));
        Operand<TFloat32> cells =
            tf.reshape(
                tf.linalg.matMul(rows, filter, MatMul.transposeB(true)),
                tf.constant(new int[] {-1, h, wd, 4 * out}));
        placed.add(
            tf.pad(
                cells,
                tf.constant(new int[][] {{0, 0}, {qy, 1 - qy}, {qx, 1 - qx}, {0, 0}}),
                tf.constant(0f)));
      }
    }
    Operand<TFloat32> padded = tf.nn.depthToSpace(tf.math.addN(placed), 2L);
    return tf.slice(
        padded,
        tf.constant(new int[] {0, 1, 1, 0}),
        tf.constant(new int[] {-1, 2 * h, 2 * wd, out}));
  }
}
