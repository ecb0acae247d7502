package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The perceptual (reconstruction) loss L_rec of the shape and image generators, with a frozen,
 * seeded random CNN in place of the paper's VGG-19, whose weights cannot be had here (LAYOUT_SPEC
 * §3, a deviation we report): three 3×3 stride-2 convolutions with ReLU ({@code channels → 16 → 32
 * → 64}), weights N(0, 2 / fan-in) drawn in Java from {@link #SEED} and held as graph constants, so
 * they are never trained, never saved and the same in every run. Random convolutional features keep
 * much of what a trained network's early layers measure (edges, blobs at three scales); the loss is
 * the mean absolute difference of the pixels and of each layer's features, averaged over the four.
 */
public final class PerceptualLoss {
  public static final long SEED = 20180115L;
  private static final int[] WIDTHS = {16, 32, 64};
  private static final List<Long> STRIDE_2 = List.of(1L, 2L, 2L, 1L);

  private final Ops tf;
  private final List<Operand<TFloat32>> filters;

  /** A loss over images of {@code channels} channels. */
  public PerceptualLoss(Ops tf, int channels) {
    checkArgument(channels > 0, "channels must be > 0, was %s", channels);
    this.tf = tf;
    SplittableRandom random = new SplittableRandom(SEED);
    List<Operand<TFloat32>> fs = new ArrayList<>();
    int in = channels;
    for (int out : WIDTHS) {
      float[] w = new float[9 * in * out];
      double std = Math.sqrt(2.0 / (9 * in));
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (random.nextGaussian() * std);
      }
      fs.add(tf.constant(Shape.of(3, 3, in, out), DataBuffers.of(w, true, false)));
      in = out;
    }
    this.filters = List.copyOf(fs);
  }

  /**
   * @param generated {@code [N, H, W, channels]}
   * @param target the same shape
   * @return the scalar loss, averaged over the batch
   */
  public Operand<TFloat32> between(Operand<TFloat32> generated, Operand<TFloat32> target) {
    Operand<TFloat32> a = generated;
    Operand<TFloat32> b = target;
    Operand<TFloat32> total = meanAbs(a, b);
    for (Operand<TFloat32> f : filters) {
      a = tf.nn.relu(tf.nn.conv2d(a, f, STRIDE_2, "SAME"));
      b = tf.nn.relu(tf.nn.conv2d(b, f, STRIDE_2, "SAME"));
      total = tf.math.add(total, meanAbs(a, b));
    }
    return tf.math.div(total, tf.constant((float) (filters.size() + 1)));
  }

  private Operand<TFloat32> meanAbs(Operand<TFloat32> a, Operand<TFloat32> b) {
    Operand<TFloat32> d = tf.math.abs(tf.math.sub(a, b));
    return tf.math.mean(tf.reshape(d, tf.constant(new int[] {-1})), tf.constant(0));
  }
}
