package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layer blocks every network is built from. Tensors are NHWC (1-D layers: {@code [N, T, C]});
 * weights are created in the given {@link Network} under {@code <layer>_w}, {@code <layer>_b}, and
 * so on. Only ops with registered gradients are used (TF_JAVA_NOTES.md).
 */
public final class Layers {
  /** Batch norm's ε, as in Torch and Keras. */
  public static final float BATCH_NORM_EPSILON = 1e-5f;

  /** Weight of the old value in batch norm's moving averages (Torch's momentum 0.1). */
  public static final float BATCH_NORM_DECAY = 0.9f;

  private Layers() {}

  /** {@code x · W + b}: {@code [N, in] → [N, out]}. */
  public static Operand<TFloat32> dense(
      Network net, String name, Operand<TFloat32> x, int in, int out, Init weights, Init bias) {
    Ops tf = net.tf();
    Variable<TFloat32> w = net.weight(name + "_w", Shape.of(in, out), weights);
    Operand<TFloat32> y = tf.linalg.matMul(x, w);
    if (bias == null) {
      return y;
    }
    return tf.nn.biasAdd(y, net.weight(name + "_b", Shape.of(out), bias));
  }

  /**
   * 2-D convolution, kernel {@code k × k}, {@code [N, H, W, in] → [N, H', W', out]}.
   *
   * @param padding {@code SAME} or {@code VALID}
   * @param bias null for none (before batch norm)
   */
  public static Operand<TFloat32> conv2d(
      Network net,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int k,
      int stride,
      String padding,
      Init weights,
      Init bias) {
    return conv2d(net, name, x, in, out, k, k, stride, padding, weights, bias);
  }

  private static Operand<TFloat32> conv2d(
      Network net,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int kh,
      int kw,
      int stride,
      String padding,
      Init weights,
      Init bias) {
    Ops tf = net.tf();
    Variable<TFloat32> w = net.weight(name + "_w", Shape.of(kh, kw, in, out), weights);
    Operand<TFloat32> y =
        tf.nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L), padding);
    return bias == null ? y : tf.nn.biasAdd(y, net.weight(name + "_b", Shape.of(out), bias));
  }

  /**
   * Transposed 2-D convolution (Conv2DBackpropInput): {@code [N, H, W, in] → [N, outH, outW, out]}
   * with {@code SAME} padding, the DCGAN generator's upsampling step.
   */
  public static Operand<TFloat32> deconv2d(
      Network net,
      String name,
      Operand<TFloat32> x,
      int in,
      int out,
      int k,
      int stride,
      int outH,
      int outW,
      Init weights,
      Init bias) {
    Ops tf = net.tf();
    // Conv2DBackpropInput's filter is [k, k, out, in].
    Variable<TFloat32> w = net.weight(name + "_w", Shape.of(k, k, out, in), weights);
    Operand<TInt32> batch =
        tf.reshape(
            tf.stridedSlice(
                tf.shape(x),
                tf.constant(new int[] {0}),
                tf.constant(new int[] {1}),
                tf.constant(new int[] {1})),
            tf.constant(new int[] {1}));
    Operand<TInt32> outputShape =
        tf.concat(List.of(batch, tf.constant(new int[] {outH, outW, out})), tf.constant(0));
    Operand<TFloat32> y =
        tf.nn.conv2dBackpropInput(
            outputShape, w, x, List.of(1L, (long) stride, (long) stride, 1L), "SAME");
    return bias == null ? y : tf.nn.biasAdd(y, net.weight(name + "_b", Shape.of(out), bias));
  }

  /** 1-D convolution over time, {@code VALID}: {@code [N, T, in] → [N, T − k + 1, out]}. */
  public static Operand<TFloat32> conv1d(
      Network net, String name, Operand<TFloat32> x, int in, int out, int k, Init init) {
    Ops tf = net.tf();
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> y = conv2d(net, name, x4, in, out, 1, k, 1, "VALID", init, init);
    return tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
  }

  /** Max pooling over time, {@code VALID}: {@code [N, T, C] → [N, (T − size) / stride + 1, C]}. */
  public static Operand<TFloat32> maxPool1d(Ops tf, Operand<TFloat32> x, int size, int stride) {
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> y =
        tf.nn.maxPool(
            x4,
            tf.constant(new int[] {1, 1, size, 1}),
            tf.constant(new int[] {1, 1, stride, 1}),
            "VALID");
    return tf.squeeze(y, org.tensorflow.op.core.Squeeze.axis(List.of(1L)));
  }

  /** 2-D max pooling, {@code SAME}. */
  public static Operand<TFloat32> maxPool2d(Ops tf, Operand<TFloat32> x, int size, int stride) {
    return tf.nn.maxPool(
        x,
        tf.constant(new int[] {1, size, size, 1}),
        tf.constant(new int[] {1, stride, stride, 1}),
        "SAME");
  }

  public static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x, float alpha) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha(alpha));
  }

  /**
   * Batch normalisation over the last axis of a {@code [N, H, W, C]} or {@code [N, C]} tensor.
   * Training mode normalises with the batch's statistics and registers updates of the moving
   * averages with the network; inference mode uses the moving averages. γ and β are trainable.
   */
  public static Operand<TFloat32> batchNorm(
      Network net, String name, Operand<TFloat32> x, int channels, Init gamma) {
    Ops tf = net.tf();
    boolean flat = x.shape().numDimensions() == 2;
    Operand<TFloat32> x4 = flat ? tf.reshape(x, tf.constant(new int[] {-1, 1, 1, channels})) : x;
    Variable<TFloat32> scale = net.weight(name + "_gamma", Shape.of(channels), gamma);
    Variable<TFloat32> offset = net.weight(name + "_beta", Shape.of(channels), Init.zeros());
    Variable<TFloat32> movingMean =
        net.stateVariable(name + "_moving_mean", Shape.of(channels), Init.zeros());
    Variable<TFloat32> movingVariance =
        net.stateVariable(name + "_moving_variance", Shape.of(channels), Init.constant(1f));
    FusedBatchNorm<TFloat32, TFloat32> bn;
    if (net.training()) {
      Operand<TFloat32> empty = tf.constant(new float[0]);
      bn =
          tf.nn.fusedBatchNorm(
              x4,
              scale,
              offset,
              empty,
              empty,
              FusedBatchNorm.epsilon(BATCH_NORM_EPSILON),
              FusedBatchNorm.isTraining(true));
      net.addUpdate(movingAverage(tf, movingMean, bn.batchMean()));
      net.addUpdate(movingAverage(tf, movingVariance, bn.batchVariance()));
    } else {
      bn =
          tf.nn.fusedBatchNorm(
              x4,
              scale,
              offset,
              movingMean,
              movingVariance,
              FusedBatchNorm.epsilon(BATCH_NORM_EPSILON),
              FusedBatchNorm.isTraining(false));
    }
    Operand<TFloat32> y = bn.y();
    return flat ? tf.reshape(y, tf.constant(new int[] {-1, channels})) : y;
  }

  private static org.tensorflow.op.Op movingAverage(
      Ops tf, Variable<TFloat32> average, Operand<TFloat32> batchValue) {
    Operand<TFloat32> updated =
        tf.math.add(
            tf.math.mul(average, tf.constant(BATCH_NORM_DECAY)),
            tf.math.mul(tf.stopGradient(batchValue), tf.constant(1f - BATCH_NORM_DECAY)));
    return tf.assign(average, updated);
  }

  /** Recurrent cells, unrolled statically (gradients through TF loops do not work from Java). */
  public enum Cell {
    /** {@code h = relu(x·Wx + h·Wh + b)}: Reed's hybrid char-CNN-RNN (cvpr2016). */
    RELU,
    /** Gated recurrent unit (icml2016's CUB text encoder). */
    GRU
  }

  /**
   * Runs a recurrent cell over {@code steps} ({@code [N, in]} each), from a zero state.
   *
   * @return the hidden state after each step, {@code [N, hidden]} each
   */
  public static List<Operand<TFloat32>> rnn(
      Network net,
      String name,
      List<Operand<TFloat32>> steps,
      int in,
      int hidden,
      Cell cell,
      Init init) {
    checkArgument(!steps.isEmpty(), "an RNN needs at least one step");
    Ops tf = net.tf();
    int gates = cell == Cell.GRU ? 3 : 1;
    Variable<TFloat32> wx = net.weight(name + "_wx", Shape.of(in, gates * hidden), init);
    Variable<TFloat32> wh = net.weight(name + "_wh", Shape.of(hidden, gates * hidden), init);
    Variable<TFloat32> b = net.weight(name + "_b", Shape.of(gates * hidden), init);
    List<Operand<TFloat32>> states = new ArrayList<>();
    Operand<TFloat32> h = null;
    for (Operand<TFloat32> x : steps) {
      Operand<TFloat32> xw = tf.nn.biasAdd(tf.linalg.matMul(x, wx), b);
      if (cell == Cell.RELU) {
        h = tf.nn.relu(h == null ? xw : tf.math.add(xw, tf.linalg.matMul(h, wh)));
      } else {
        h = gruStep(tf, xw, h, wh, hidden);
      }
      states.add(h);
    }
    return states;
  }

  /** One GRU step; {@code xw} holds the input's contribution to [update, reset, candidate]. */
  private static Operand<TFloat32> gruStep(
      Ops tf, Operand<TFloat32> xw, Operand<TFloat32> h, Variable<TFloat32> wh, int hidden) {
    List<Operand<TFloat32>> xParts = split3(tf, xw, hidden);
    if (h == null) { // zero state: the recurrent terms vanish
      Operand<TFloat32> z = tf.math.sigmoid(xParts.get(0));
      Operand<TFloat32> candidate = tf.math.tanh(xParts.get(2));
      return tf.math.mul(z, candidate);
    }
    Operand<TFloat32> hw =
        tf.linalg.matMul(
            h,
            tf.slice(
                wh, tf.constant(new int[] {0, 0}), tf.constant(new int[] {hidden, 2 * hidden})));
    List<Operand<TFloat32>> hParts =
        List.of(
            tf.slice(hw, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, hidden})),
            tf.slice(hw, tf.constant(new int[] {0, hidden}), tf.constant(new int[] {-1, hidden})));
    Operand<TFloat32> z = tf.math.sigmoid(tf.math.add(xParts.get(0), hParts.get(0)));
    Operand<TFloat32> r = tf.math.sigmoid(tf.math.add(xParts.get(1), hParts.get(1)));
    Operand<TFloat32> whCandidate =
        tf.slice(
            wh, tf.constant(new int[] {0, 2 * hidden}), tf.constant(new int[] {hidden, hidden}));
    Operand<TFloat32> candidate =
        tf.math.tanh(tf.math.add(xParts.get(2), tf.linalg.matMul(tf.math.mul(r, h), whCandidate)));
    // h' = (1 − z) ∘ h + z ∘ candidate = h + z ∘ (candidate − h)
    return tf.math.add(h, tf.math.mul(z, tf.math.sub(candidate, h)));
  }

  private static List<Operand<TFloat32>> split3(Ops tf, Operand<TFloat32> x, int hidden) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      parts.add(
          tf.slice(x, tf.constant(new int[] {0, i * hidden}), tf.constant(new int[] {-1, hidden})));
    }
    return parts;
  }

  /** Mean over a list of equally shaped tensors. */
  public static Operand<TFloat32> mean(Ops tf, List<Operand<TFloat32>> xs) {
    Operand<TFloat32> sum = xs.get(0);
    for (int i = 1; i < xs.size(); i++) {
      sum = tf.math.add(sum, xs.get(i));
    }
    return tf.math.div(sum, tf.constant((float) xs.size()));
  }
}
