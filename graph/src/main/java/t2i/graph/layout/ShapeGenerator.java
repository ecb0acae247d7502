package t2i.graph.layout;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import t2i.graph.ConvSpec;
import t2i.graph.Dcgan;
import t2i.graph.Init;
import t2i.graph.Layers;
import t2i.graph.LstmCell;
import t2i.graph.LstmState;
import t2i.graph.Network;
import t2i.graph.Norm;
import t2i.graph.Padding;
import t2i.graph.PoolSpec;
import t2i.graph.ResidualBlock;

/**
 * The shape generator of Hong et al. (CVPR 2018; LAYOUT_SPEC §3): one mask per object of a layout,
 * each drawn knowing the others.
 *
 * <ol>
 *   <li>Each box tensor B_t is encoded by two 3×3 stride-2 convolutions with instance norm and
 *       ReLU, to side / 4.
 *   <li>A bidirectional convolutional LSTM (3×3) runs over the objects t = 1..T; an empty slot
 *       leaves the state as it was, so padding changes nothing.
 *   <li>Per object: its encoding, both directions' outputs and its noise z_t tiled, a 3×3
 *       convolution with instance norm and ReLU, then the features are zeroed outside the box.
 *   <li>Residual blocks (instance norm), then two (nearest ×2 upsampling, 3×3 convolution, instance
 *       norm, ReLU) back to the side, a 3×3 convolution to one channel, sigmoid; the mask is zeroed
 *       outside its box.
 * </ol>
 *
 * Variables: {@code shapegen_*}.
 */
public final class ShapeGenerator {
  public static final String PREFIX = "shapegen";

  private ShapeGenerator() {}

  /**
   * @param boxTensors {@code [N, T, side, side, L]} ({@link LayoutTensors#boxTensors})
   * @param present {@code [N, T]}: 1 for an object, 0 for an empty slot
   * @param z {@code [N, T, zDim]}
   * @return masks {@code [N, T, side, side]} in [0, 1], zero outside each box
   */
  public static Operand<TFloat32> build(
      Network net,
      ShapeGeneratorConfig c,
      Operand<TFloat32> boxTensors,
      Operand<TFloat32> present,
      Operand<TFloat32> z) {
    Ops tf = net.tf();
    int side = c.side();
    int slots = c.slots();
    int grid = c.grid();
    int e1 = c.encoderWidth();
    int e2 = 2 * e1;
    Operand<TFloat32> flat =
        tf.reshape(boxTensors, tf.constant(new int[] {-1, side, side, c.classes()}));
    Operand<TFloat32> inside =
        tf.reduceMax(flat, tf.constant(3), ReduceMax.keepDims(true)); // [N·T, side, side, 1]

    Operand<TFloat32> x = convNormRelu(net, "enc1", flat, conv(c.classes(), e1).withStride(2));
    x = convNormRelu(net, "enc2", x, conv(e1, e2).withStride(2));

    List<Operand<TFloat32>> encoded = perSlot(tf, x, slots, grid, e2);
    List<Operand<TFloat32>> mask = perSlotMask(tf, present, slots);
    List<Operand<TFloat32>> forward =
        run(tf, LstmCell.conv(net, "fwd", lstm(e2, c.lstmHidden())), encoded, mask, false);
    List<Operand<TFloat32>> backward =
        run(tf, LstmCell.conv(net, "bwd", lstm(e2, c.lstmHidden())), encoded, mask, true);
    List<Operand<TFloat32>> noise =
        tf.unstack(z, (long) slots, Unstack.axis(1L)).output().stream()
            .map(zt -> tile(tf, zt, grid, c.zDim()))
            .toList();
    List<Operand<TFloat32>> joined = new ArrayList<>();
    for (int t = 0; t < slots; t++) {
      joined.add(
          tf.concat(
              List.of(encoded.get(t), forward.get(t), backward.get(t), noise.get(t)),
              tf.constant(3)));
    }
    int joinedWidth = e2 + 2 * c.lstmHidden() + c.zDim();
    Operand<TFloat32> y =
        tf.reshape(
            tf.stack(joined, Stack.axis(1L)), tf.constant(new int[] {-1, grid, grid, joinedWidth}));
    y = convNormRelu(net, "join", y, conv(joinedWidth, c.width()));
    Operand<TFloat32> insideGrid =
        Layers.maxPool2d(tf, inside, new PoolSpec(side / grid, side / grid, Padding.VALID));
    y = tf.math.mul(y, insideGrid);
    for (int i = 0; i < c.residualBlocks(); i++) {
      y = ResidualBlock.build(net, "res" + i, y, c.width(), Norm.INSTANCE);
    }
    int width = c.width();
    for (int i = 1; i <= 2; i++) {
      y = Layers.upsampleNearest(tf, y, 2);
      y = convNormRelu(net, "up" + i, y, conv(width, width / 2));
      width /= 2;
    }
    y = Layers.conv2d(net, "mask", y, conv(width, 1).withBias(Init.zeros()));
    y = tf.math.mul(tf.math.sigmoid(y), inside);
    return tf.reshape(y, tf.constant(new int[] {-1, slots, side, side}));
  }

  private static ConvSpec conv(int in, int out) {
    return ConvSpec.of(in, out, Dcgan.WEIGHTS).withKernel(3).withoutBias();
  }

  private static ConvSpec lstm(int in, int hidden) {
    return ConvSpec.of(in, hidden, Dcgan.WEIGHTS).withKernel(3).withBias(Init.zeros());
  }

  private static Operand<TFloat32> convNormRelu(
      Network net, String name, Operand<TFloat32> x, ConvSpec spec) {
    Operand<TFloat32> y = Layers.conv2d(net, name, x, spec);
    return net.tf().nn.relu(Norm.INSTANCE.apply(net, name + "_in", y, Dcgan.norm(spec.out())));
  }

  /** {@code [N·T, g, g, c]} → T tensors {@code [N, g, g, c]}. */
  private static List<Operand<TFloat32>> perSlot(
      Ops tf, Operand<TFloat32> x, int slots, int grid, int channels) {
    Operand<TFloat32> seq = tf.reshape(x, tf.constant(new int[] {-1, slots, grid, grid, channels}));
    return List.copyOf(tf.unstack(seq, (long) slots, Unstack.axis(1L)).output());
  }

  /** {@code [N, T]} → T tensors {@code [N, 1, 1, 1]}. */
  private static List<Operand<TFloat32>> perSlotMask(Ops tf, Operand<TFloat32> present, int slots) {
    return tf.unstack(present, (long) slots, Unstack.axis(1L)).output().stream()
        .map(m -> (Operand<TFloat32>) tf.reshape(m, tf.constant(new int[] {-1, 1, 1, 1})))
        .toList();
  }

  /** {@code [N, zDim]} → {@code [N, g, g, zDim]}. */
  private static Operand<TFloat32> tile(Ops tf, Operand<TFloat32> zt, int grid, int zDim) {
    return tf.tile(
        tf.reshape(zt, tf.constant(new int[] {-1, 1, 1, zDim})),
        tf.constant(new int[] {1, grid, grid, 1}));
  }

  /**
   * The cell over the slots (in reverse when {@code reverse}), from the zero state; where a slot is
   * empty the state stays as it was. Outputs in slot order.
   */
  private static List<Operand<TFloat32>> run(
      Ops tf,
      LstmCell cell,
      List<Operand<TFloat32>> xs,
      List<Operand<TFloat32>> present,
      boolean reverse) {
    int slots = xs.size();
    Operand<TFloat32>[] outputs = newArray(slots);
    LstmState state = null;
    for (int k = 0; k < slots; k++) {
      int t = reverse ? slots - 1 - k : k;
      Operand<TFloat32> m = present.get(t);
      LstmState next;
      if (state == null) {
        LstmState s = cell.start(xs.get(t));
        next = new LstmState(tf.math.mul(s.h(), m), tf.math.mul(s.c(), m));
      } else {
        LstmState s = cell.step(xs.get(t), state);
        next = new LstmState(keep(tf, m, s.h(), state.h()), keep(tf, m, s.c(), state.c()));
      }
      state = next;
      outputs[t] = next.h();
    }
    return List.of(outputs);
  }

  /** {@code m · updated + (1 − m) · old}. */
  private static Operand<TFloat32> keep(
      Ops tf, Operand<TFloat32> m, Operand<TFloat32> updated, Operand<TFloat32> old) {
    return tf.math.add(old, tf.math.mul(m, tf.math.sub(updated, old)));
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32>[] newArray(int n) {
    return (Operand<TFloat32>[]) new Operand<?>[n];
  }
}
