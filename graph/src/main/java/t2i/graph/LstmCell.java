package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An LSTM cell with a forget gate, dense or convolutional (Shi et al., NeurIPS 2015), whose weights
 * are created once and applied step by step, so that a caller can feed a step's output back as the
 * next input (the layout pipeline's box generator samples one box per step). Gates in the order
 * input, forget, candidate, output:
 *
 * <pre>
 * [i, f, g, o] = x ⊛ Wx + h ⊛ Wh + b          ⊛: matrix product, or convolution
 * c' = σ(f + 1) ∘ c + σ(i) ∘ tanh(g)
 * h' = σ(o) ∘ tanh(c')
 * </pre>
 *
 * The +1 on the forget gate (TF's {@code forget_bias}; Jozefowicz et al., ICML 2015) keeps the
 * memory early in training. From the zero state ({@link #start}) the recurrent and forget terms
 * vanish. Only ops with registered gradients are used; loops are unrolled by the caller, since
 * gradients through TF's while loops do not work from Java. Variables: {@code <name>_wx}, {@code
 * <name>_wh}, {@code <name>_b} (without {@link Bias#NONE}).
 */
public abstract sealed class LstmCell {
  /** Added to the forget gate's pre-activation. */
  public static final float FORGET_BIAS = 1f;

  private static final int GATES = 4;

  final Ops tf;
  private final Variable<TFloat32> wx;
  private final Variable<TFloat32> wh;
  private final Variable<TFloat32> b; // null for Bias.NONE
  private final int hidden;
  private final int rank;

  private LstmCell(Network net, String name, Shape wx, Shape wh, int hidden, Init init, Bias bias) {
    this.tf = net.tf();
    this.wx = net.weight(name + "_wx", wx, init);
    this.wh = net.weight(name + "_wh", wh, init);
    this.b =
        bias instanceof Bias.Learned learned
            ? net.weight(name + "_b", Shape.of(GATES * hidden), learned.init())
            : null;
    this.hidden = hidden;
    this.rank = wx.numDimensions();
  }

  /**
   * A dense cell: {@code x [N, in] → h [N, out]}. Variables {@code _wx [in, 4·out]}, {@code _wh
   * [out, 4·out]}, {@code _b [4·out]}, all from the spec's initialisers.
   */
  public static LstmCell dense(Network net, String name, DenseSpec spec) {
    int gates = GATES * spec.out();
    return new Dense(
        net,
        name,
        Shape.of(spec.in(), gates),
        Shape.of(spec.out(), gates),
        spec.out(),
        spec.weights(),
        spec.bias());
  }

  /**
   * A convolutional cell: {@code x [N, H, W, in] → h [N, H, W, out]}, stride 1 and {@code SAME}
   * padding so that the state keeps the input's grid. Variables {@code _wx [k, k, in, 4·out]},
   * {@code _wh [k, k, out, 4·out]}, {@code _b [4·out]}.
   */
  public static LstmCell conv(Network net, String name, ConvSpec spec) {
    checkArgument(spec.stride() == 1, "%s: a convolutional LSTM has stride 1, not %s", name, spec);
    checkArgument(
        spec.padding() == Padding.SAME, "%s: a convolutional LSTM pads SAME, not %s", name, spec);
    int gates = GATES * spec.out();
    int k = spec.kernel();
    return new Conv(
        net,
        name,
        Shape.of(k, k, spec.in(), gates),
        Shape.of(k, k, spec.out(), gates),
        spec.out(),
        spec.weights(),
        spec.bias());
  }

  /** The first step, from the zero state. */
  public LstmState start(Operand<TFloat32> x) {
    Operand<TFloat32> z = fromInput(x);
    Operand<TFloat32> c = tf.math.mul(tf.math.sigmoid(gate(z, 0)), tf.math.tanh(gate(z, 2)));
    return new LstmState(output(z, c), c);
  }

  /** A step from {@code state}. */
  public LstmState step(Operand<TFloat32> x, LstmState state) {
    Operand<TFloat32> z = tf.math.add(fromInput(x), fromState(state.h()));
    Operand<TFloat32> forget = tf.math.sigmoid(tf.math.add(gate(z, 1), tf.constant(FORGET_BIAS)));
    Operand<TFloat32> c =
        tf.math.add(
            tf.math.mul(forget, state.c()),
            tf.math.mul(tf.math.sigmoid(gate(z, 0)), tf.math.tanh(gate(z, 2))));
    return new LstmState(output(z, c), c);
  }

  /**
   * Runs the cell over {@code steps} from the zero state.
   *
   * @return the output {@code h} after each step
   */
  public List<Operand<TFloat32>> run(List<Operand<TFloat32>> steps) {
    checkArgument(!steps.isEmpty(), "an LSTM needs at least one step");
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    LstmState state = start(steps.get(0));
    outputs.add(state.h());
    for (Operand<TFloat32> x : steps.subList(1, steps.size())) {
      state = step(x, state);
      outputs.add(state.h());
    }
    return outputs;
  }

  private Operand<TFloat32> output(Operand<TFloat32> z, Operand<TFloat32> c) {
    return tf.math.mul(tf.math.sigmoid(gate(z, 3)), tf.math.tanh(c));
  }

  /** Gate {@code k} of the pre-activations: a slice of the last axis. */
  private Operand<TFloat32> gate(Operand<TFloat32> z, int k) {
    int[] begin = new int[rank];
    int[] size = new int[rank];
    Arrays.fill(size, -1);
    begin[rank - 1] = k * hidden;
    size[rank - 1] = hidden;
    return tf.slice(z, tf.constant(begin), tf.constant(size));
  }

  /** x's contribution to the four gates, bias included. */
  private Operand<TFloat32> fromInput(Operand<TFloat32> x) {
    Operand<TFloat32> z = times(x, wx);
    return b == null ? z : tf.nn.biasAdd(z, b);
  }

  /** h's contribution to the four gates. */
  private Operand<TFloat32> fromState(Operand<TFloat32> h) {
    return times(h, wh);
  }

  /** The cell's product: a matrix product or a convolution. */
  abstract Operand<TFloat32> times(Operand<TFloat32> x, Variable<TFloat32> w);

  private static final class Dense extends LstmCell {
    Dense(Network net, String name, Shape wx, Shape wh, int hidden, Init init, Bias bias) {
      super(net, name, wx, wh, hidden, init, bias);
    }

    @Override
    Operand<TFloat32> times(Operand<TFloat32> x, Variable<TFloat32> w) {
      return tf.linalg.matMul(x, w);
    }
  }

  private static final class Conv extends LstmCell {
    private static final List<Long> STRIDES = List.of(1L, 1L, 1L, 1L);

    Conv(Network net, String name, Shape wx, Shape wh, int hidden, Init init, Bias bias) {
      super(net, name, wx, wh, hidden, init, bias);
    }

    @Override
    Operand<TFloat32> times(Operand<TFloat32> x, Variable<TFloat32> w) {
      return tf.nn.conv2d(x, w, STRIDES, Padding.SAME.name());
    }
  }
}
