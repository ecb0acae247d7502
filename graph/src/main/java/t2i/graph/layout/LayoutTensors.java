package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceMax;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The pictures the layout pipeline passes between its stages (LAYOUT_SPEC §1, §3), built in the
 * graph so that an export can chain the stages. A layout holds {@code T} object slots; a slot whose
 * label is not a class ({@code < 0} or {@code ≥ classes}, e.g. the box generator's end class) is
 * empty and draws nothing.
 *
 * <ul>
 *   <li>box tensor B_t {@code [N, T, side, side, L]}: ones inside object t's box in the channel of
 *       its class. A pixel is inside when its centre is: {@code x·side ≤ j + ½ < (x + w)·side}.
 *   <li>global boxes: the element-wise max of the box tensors over t; global mask: the sum of the
 *       masks over t (the shape discriminator's global inputs, as the paper says).
 *   <li>label map {@code [N, side, side, L]}: channel k the max over the masks of class-k objects
 *       (1 where a class-k object covers the pixel, for binary masks).
 * </ul>
 */
public final class LayoutTensors {
  private LayoutTensors() {}

  /**
   * Box indicators without classes: 1 at pixels whose centre is in the box.
   *
   * @param boxes {@code [N, T, 4]}: x, y (top-left), w, h normalised to the canvas
   * @return {@code [N, T, side, side]}
   */
  public static Operand<TFloat32> boxIndicators(Ops tf, Operand<TFloat32> boxes, int side) {
    checkArgument(side > 0, "side must be > 0, was %s", side);
    Operand<TFloat32> centres = pixelCentres(tf, side);
    Operand<TFloat32> x = coordinate(tf, boxes, 0);
    Operand<TFloat32> y = coordinate(tf, boxes, 1);
    Operand<TFloat32> w = coordinate(tf, boxes, 2);
    Operand<TFloat32> h = coordinate(tf, boxes, 3);
    Operand<TFloat32> columns = within(tf, centres, x, tf.math.add(x, w)); // [N, T, side]
    Operand<TFloat32> rows = within(tf, centres, y, tf.math.add(y, h));
    return tf.math.mul(tf.expandDims(rows, tf.constant(3)), tf.expandDims(columns, tf.constant(2)));
  }

  /**
   * @param labels {@code [N, T]} class ids; other values mark empty slots
   * @return {@code [N, T, 1, 1, L]}: one-hot classes, zeros for empty slots
   */
  public static Operand<TFloat32> classChannels(Ops tf, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> oneHot =
        tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
    return tf.expandDims(tf.expandDims(oneHot, tf.constant(2)), tf.constant(2));
  }

  /**
   * @return box tensors {@code [N, T, side, side, L]}
   */
  public static Operand<TFloat32> boxTensors(
      Ops tf, Operand<TFloat32> boxes, Operand<TInt32> labels, int side, int classes) {
    Operand<TFloat32> inside = tf.expandDims(boxIndicators(tf, boxes, side), tf.constant(4));
    return tf.math.mul(inside, classChannels(tf, labels, classes));
  }

  /**
   * @param masks {@code [N, T, side, side]} in [0, 1]
   * @param labels {@code [N, T]}
   * @return the label map {@code [N, side, side, L]}
   */
  public static Operand<TFloat32> labelMap(
      Ops tf, Operand<TFloat32> masks, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> perObject =
        tf.math.mul(tf.expandDims(masks, tf.constant(4)), classChannels(tf, labels, classes));
    return tf.reduceMax(perObject, tf.constant(1), ReduceMax.keepDims(false));
  }

  /** The element-wise max over t: {@code [N, T, side, side, L] → [N, side, side, L]}. */
  public static Operand<TFloat32> globalBoxes(Ops tf, Operand<TFloat32> boxTensors) {
    return tf.reduceMax(boxTensors, tf.constant(1), ReduceMax.keepDims(false));
  }

  /** The sum over t: {@code [N, T, side, side] → [N, side, side]}. */
  public static Operand<TFloat32> globalMask(Ops tf, Operand<TFloat32> masks) {
    return tf.sum(masks, tf.constant(1), Sum.keepDims(false));
  }

  /** {@code [side]}: (j + ½) / side. */
  private static Operand<TFloat32> pixelCentres(Ops tf, int side) {
    float[] c = new float[side];
    for (int j = 0; j < side; j++) {
      c[j] = (j + 0.5f) / side;
    }
    return tf.constant(c);
  }

  /** Component {@code k} of the boxes as {@code [N, T, 1]}. */
  private static Operand<TFloat32> coordinate(Ops tf, Operand<TFloat32> boxes, int k) {
    return tf.slice(boxes, tf.constant(new int[] {0, 0, k}), tf.constant(new int[] {-1, -1, 1}));
  }

  /** {@code [N, T, side]}: 1 where {@code from ≤ centre < to}. */
  private static Operand<TFloat32> within(
      Ops tf, Operand<TFloat32> centres, Operand<TFloat32> from, Operand<TFloat32> to) {
    Operand<TFloat32> after = tf.dtypes.cast(tf.math.greaterEqual(centres, from), TFloat32.class);
    Operand<TFloat32> before = tf.dtypes.cast(tf.math.less(centres, to), TFloat32.class);
    return tf.math.mul(after, before);
  }

  /** The empty-slot label of a layout over {@code classes} classes (the box generator's end). */
  public static int emptyLabel(int classes) {
    return classes;
  }
}
