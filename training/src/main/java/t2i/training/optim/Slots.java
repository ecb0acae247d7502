package t2i.training.optim;

import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** Optimizer slot variables: root scope, named {@code <variable>_<slot>}. */
final class Slots {
  private Slots() {}

  static Variable<TFloat32> zeros(Ops tf, Variable<TFloat32> v, String slot) {
    return filled(tf, v, slot, 0f);
  }

  static Variable<TFloat32> filled(Ops tf, Variable<TFloat32> v, String slot, float value) {
    return tf.withName(v.op().name() + "_" + slot)
        .variable(tf.fill(tf.constant(v.shape().asArray()), tf.constant(value)));
  }
}
