package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layer blocks every network is built from. Tensors are NHWC (1-D layers: {@code [N, T, C]});
 * weights are created in the given {@link Network} under {@code <layer>_w}, {@code <layer>_b}, and
 * so on. Only ops whose gradients TF Java's C++ registry has are used: an op without one anywhere
 * on the back-propagation path makes {@code tf.gradients} fail (e.g. ConcatV2 has one, Concat v1
 * not; {@code docs/tf-java.md} lists them).
 */
public final class Layers {
  /** Batch norm's ε, as in Torch and Keras. */
  public static final float BATCH_NORM_EPSILON = 1e-5f;

  /** Instance norm's ε, as in Torch. */
  public static final float INSTANCE_NORM_EPSILON = 1e-5f;

  /** Weight of the old value in batch norm's moving averages (Torch's momentum 0.1). */
  public static final float BATCH_NORM_DECAY = 0.9f;

  private Layers() {}

  /** {@code x · W + b}: {@code [N, in] → [N, out]}. */
  public static Operand<TFloat32> dense(
      Network net, String name, Operand<TFloat32> x, DenseSpec spec) {
    Operand<TFloat32> w = net.kernel(name + "_w", Shape.of(spec.in(), spec.out()), spec.weights());
    return addBias(net, name, net.tf().linalg.matMul(x, w), spec.out(), spec.bias());
  }

  /** 2-D convolution: {@code [N, H, W, in] → [N, H', W', out]}. */
  public static Operand<TFloat32> conv2d(
      Network net, String name, Operand<TFloat32> x, ConvSpec spec) {
    return conv2d(net, name, x, spec, spec.kernel(), spec.kernel());
  }

  private static Operand<TFloat32> conv2d(
      Network net, String name, Operand<TFloat32> x, ConvSpec spec, int kh, int kw) {
    Operand<TFloat32> w =
        net.kernel(name + "_w", Shape.of(kh, kw, spec.in(), spec.out()), spec.weights());
    Ops tf = net.tf();
    Operand<TFloat32> y =
        ConvAsMatmul.conv2d(tf, x, w, spec, kh, kw)
            .orElseGet(() -> tf.nn.conv2d(x, w, strides(spec.stride()), spec.padding().name()));
    return addBias(net, name, y, spec.out(), spec.bias());
  }

  /**
   * Transposed 2-D convolution (Conv2DBackpropInput), the generator's upsampling step: {@code [N,
   * H, W, in] → [N, H', W', out]} with {@code H' = H · stride} for {@code SAME} padding and {@code
   * (H − 1) · stride + kernel} for {@code VALID}. H and W must be known when the graph is built.
   */
  public static Operand<TFloat32> deconv2d(
      Network net, String name, Operand<TFloat32> x, ConvSpec spec) {
    Ops tf = net.tf();
    Shape shape = x.shape();
    checkArgument(
        shape.numDimensions() == 4 && shape.size(1) > 0 && shape.size(2) > 0,
        "%s: a transposed convolution needs [N, H, W, C] with H and W known, got %s",
        name,
        shape);
    int outH = spec.padding().transposedSize((int) shape.size(1), spec.kernel(), spec.stride());
    int outW = spec.padding().transposedSize((int) shape.size(2), spec.kernel(), spec.stride());
    // Conv2DBackpropInput's filter is [k, k, out, in].
    Variable<TFloat32> w =
        net.weight(
            name + "_w",
            Shape.of(spec.kernel(), spec.kernel(), spec.out(), spec.in()),
            spec.weights());
    Operand<TFloat32> y =
        ConvAsMatmul.deconv2d(tf, x, w, spec, (int) shape.size(1), (int) shape.size(2))
            .orElseGet(
                () ->
                    tf.nn.conv2dBackpropInput(
                        withBatchOf(tf, x, outH, outW, spec.out()),
                        w,
                        x,
                        strides(spec.stride()),
                        spec.padding().name()));
    return addBias(net, name, y, spec.out(), spec.bias());
  }

  /**
   * 1-D convolution over time, the window {@code kernel} steps wide: {@code [N, T, in] → [N, T',
   * out]} ({@code T' = T − kernel + 1} for {@code VALID}, stride 1). The filter is stored as {@code
   * [1, kernel, in, out]}.
   */
  public static Operand<TFloat32> conv1d(
      Network net, String name, Operand<TFloat32> x, ConvSpec spec) {
    Ops tf = net.tf();
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> y = conv2d(net, name, x4, spec, 1, spec.kernel());
    return tf.squeeze(y, Squeeze.axis(List.of(1L)));
  }

  /** {@code [N, h, w, c]} with N the batch size of {@code x} at run time. */
  private static Operand<TInt32> withBatchOf(Ops tf, Operand<TFloat32> x, int h, int w, int c) {
    Operand<TInt32> batch =
        tf.reshape(
            tf.stridedSlice(
                tf.shape(x),
                tf.constant(new int[] {0}),
                tf.constant(new int[] {1}),
                tf.constant(new int[] {1})),
            tf.constant(new int[] {1}));
    return tf.concat(List.of(batch, tf.constant(new int[] {h, w, c})), tf.constant(0));
  }

  private static List<Long> strides(int stride) {
    return List.of(1L, (long) stride, (long) stride, 1L);
  }

  private static Operand<TFloat32> addBias(
      Network net, String name, Operand<TFloat32> y, int channels, Bias bias) {
    if (bias instanceof Bias.Learned learned) {
      return net.tf().nn.biasAdd(y, net.weight(name + "_b", Shape.of(channels), learned.init()));
    }
    return y;
  }

  /** Max pooling over time: {@code [N, T, C] → [N, T', C]}. */
  public static Operand<TFloat32> maxPool1d(Ops tf, Operand<TFloat32> x, PoolSpec spec) {
    Operand<TFloat32> x4 = tf.expandDims(x, tf.constant(1));
    Operand<TFloat32> y =
        tf.nn.maxPool(
            x4,
            tf.constant(new int[] {1, 1, spec.size(), 1}),
            tf.constant(new int[] {1, 1, spec.stride(), 1}),
            spec.padding().name());
    return tf.squeeze(y, Squeeze.axis(List.of(1L)));
  }

  /** 2-D max pooling over {@code size × size} windows: {@code [N, H, W, C] → [N, H', W', C]}. */
  public static Operand<TFloat32> maxPool2d(Ops tf, Operand<TFloat32> x, PoolSpec spec) {
    return tf.nn.maxPool(
        x,
        tf.constant(new int[] {1, spec.size(), spec.size(), 1}),
        tf.constant(new int[] {1, spec.stride(), spec.stride(), 1}),
        spec.padding().name());
  }

  public static Operand<TFloat32> leakyRelu(Ops tf, Operand<TFloat32> x, float alpha) {
    return tf.nn.leakyRelu(x, LeakyRelu.alpha(alpha));
  }

  /**
   * Batch normalisation over the last axis of a {@code [N, H, W, C]} or {@code [N, C]} tensor.
   * Training mode normalises with the batch's statistics and registers updates of the moving
   * averages with the network; inference mode uses the moving averages. γ and β (when {@code
   * affine}) are trainable; without them the scale is 1 and the offset 0.
   */
  public static Operand<TFloat32> batchNorm(
      Network net, String name, Operand<TFloat32> x, NormSpec spec) {
    Ops tf = net.tf();
    int channels = spec.channels();
    boolean flat = x.shape().numDimensions() == 2;
    Operand<TFloat32> x4 = flat ? tf.reshape(x, tf.constant(new int[] {-1, 1, 1, channels})) : x;
    Operand<TFloat32> scale = scale(net, name, spec);
    Operand<TFloat32> offset = offset(net, name, spec);
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

  /** γ, or 1 when the normalisation is not affine. */
  private static Operand<TFloat32> scale(Network net, String name, NormSpec spec) {
    return spec.affine()
        ? net.weight(name + "_gamma", Shape.of(spec.channels()), spec.gamma())
        : net.tf().constant(filled(spec.channels(), 1f));
  }

  /** β, or 0 when the normalisation is not affine. */
  private static Operand<TFloat32> offset(Network net, String name, NormSpec spec) {
    return spec.affine()
        ? net.weight(name + "_beta", Shape.of(spec.channels()), Init.zeros())
        : net.tf().constant(filled(spec.channels(), 0f));
  }

  private static float[] filled(int n, float value) {
    float[] values = new float[n];
    Arrays.fill(values, value);
    return values;
  }

  /**
   * Instance normalisation (Ulyanov et al. 2016): each channel of each sample normalised over its H
   * × W positions, {@code (x − μ) / sqrt(σ² + ε)}, then {@code γ · y + β} when affine. The same in
   * training and inference: no moving statistics, no updates. {@code [N, H, W, C] → [N, H, W, C]}.
   */
  public static Operand<TFloat32> instanceNorm(
      Network net, String name, Operand<TFloat32> x, NormSpec spec) {
    Ops tf = net.tf();
    checkChannels(name, x, spec.channels());
    Operand<TInt32> positions = tf.constant(new int[] {1, 2});
    Operand<TFloat32> centred = tf.math.sub(x, tf.math.mean(x, positions, Mean.keepDims(true)));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.mul(centred, centred), positions, Mean.keepDims(true));
    Operand<TFloat32> y =
        tf.math.mul(
            centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(INSTANCE_NORM_EPSILON))));
    if (!spec.affine()) {
      return y;
    }
    return tf.nn.biasAdd(tf.math.mul(y, scale(net, name, spec)), offset(net, name, spec));
  }

  private static void checkChannels(String name, Operand<TFloat32> x, int channels) {
    Shape shape = x.shape();
    checkArgument(
        shape.numDimensions() == 4 && (shape.size(3) < 0 || shape.size(3) == channels),
        "%s: expected [N, H, W, %s], got %s",
        name,
        channels,
        shape);
  }

  /**
   * Nearest-neighbour upsampling by an integer factor: every pixel becomes a {@code factor ×
   * factor} block, {@code [N, H, W, C] → [N, H·factor, W·factor, C]} (equal to
   * ResizeNearestNeighbor at that size). Built from Reshape and Tile rather than that op: both have
   * gradients in TF Java, but only these can be differentiated twice (ResizeNearestNeighborGrad has
   * no gradient), as a gradient penalty would need. H, W and C must be known when the graph is
   * built.
   */
  public static Operand<TFloat32> upsampleNearest(Ops tf, Operand<TFloat32> x, int factor) {
    checkArgument(factor >= 1, "factor must be >= 1, was %s", factor);
    Shape shape = x.shape();
    checkArgument(
        shape.numDimensions() == 4 && shape.size(1) > 0 && shape.size(2) > 0 && shape.size(3) > 0,
        "upsampling needs [N, H, W, C] with H, W and C known, got %s",
        shape);
    int h = (int) shape.size(1);
    int w = (int) shape.size(2);
    int c = (int) shape.size(3);
    // [N, H, 1, W, 1, C] tiled to [N, H, f, W, f, C]: row i·f + a, column j·f + b copies (i, j).
    Operand<TFloat32> blocks =
        tf.tile(
            tf.reshape(x, tf.constant(new int[] {-1, h, 1, w, 1, c})),
            tf.constant(new int[] {1, 1, factor, 1, factor, 1}));
    return tf.reshape(blocks, tf.constant(new int[] {-1, h * factor, w * factor, c}));
  }

  private static Op movingAverage(
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
    GRU,
    /** Long short-term memory: {@link LstmCell#dense}. */
    LSTM
  }

  /**
   * Runs a recurrent cell over {@code steps} ({@code [N, in]} each), from a zero state. Variables:
   * {@code <name>_wx [in, gates · hidden]}, {@code <name>_wh [hidden, gates · hidden]}, {@code
   * <name>_b [gates · hidden]}.
   *
   * @return the hidden state after each step, {@code [N, hidden]} each
   */
  public static List<Operand<TFloat32>> rnn(
      Network net, String name, List<Operand<TFloat32>> steps, RnnSpec spec) {
    checkArgument(!steps.isEmpty(), "an RNN needs at least one step");
    if (spec.cell() == Cell.LSTM) {
      DenseSpec gates = DenseSpec.of(spec.in(), spec.hidden(), spec.init()).withBias(spec.init());
      return LstmCell.dense(net, name, gates).run(steps);
    }
    Ops tf = net.tf();
    int hidden = spec.hidden();
    int gates = spec.cell() == Cell.GRU ? 3 : 1;
    Variable<TFloat32> wx =
        net.weight(name + "_wx", Shape.of(spec.in(), gates * hidden), spec.init());
    Variable<TFloat32> wh = net.weight(name + "_wh", Shape.of(hidden, gates * hidden), spec.init());
    Variable<TFloat32> b = net.weight(name + "_b", Shape.of(gates * hidden), spec.init());
    List<Operand<TFloat32>> states = new ArrayList<>();
    Operand<TFloat32> h = null;
    for (Operand<TFloat32> x : steps) {
      Operand<TFloat32> xw = tf.nn.biasAdd(tf.linalg.matMul(x, wx), b);
      if (spec.cell() == Cell.RELU) {
        h = reluStep(net, h == null ? xw : tf.math.add(xw, tf.linalg.matMul(h, wh)));
      } else {
        h = gruStep(tf, xw, h, wh, hidden);
      }
      states.add(h);
    }
    return states;
  }

  /**
   * The ReLU of a recurrent step, whose input is Add(BiasAdd(MatMul), MatMul). Inference graphs
   * take it as max(x, 0), the same function: the remapper of TensorFlow's oneDNN builds (TF Java
   * 1.1.0's TF 2.18 among them) fuses Relu(Add(BiasAdd(contraction), y)) for convolutions only;
   * with a MatMul it leaves a node without an op, so every session on the graph logs errors and
   * loses all of the remapper's rewrites. Training sessions turn the remapper off, and keep Relu's
   * gradient.
   */
  private static Operand<TFloat32> reluStep(Network net, Operand<TFloat32> x) {
    Ops tf = net.tf();
    return net.training() ? tf.nn.relu(x) : tf.math.maximum(x, tf.constant(0f));
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
