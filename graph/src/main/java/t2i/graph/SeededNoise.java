package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

/**
 * z from a seed, the same inside a graph (exported models) and in Java (the CLI): element {@code k}
 * of a seed's vector hashes {@code seed + (k + 1) · φ} with SplitMix64's finaliser (wrapping 64-bit
 * arithmetic, identical in TF's int64 ops and Java's longs), keeps 53 bits as a uniform in [0, 1),
 * and pairs of uniforms become normals by Box–Muller in float64. The two agree to float32 rounding
 * (the transcendental functions may differ in their last double bit).
 */
public final class SeededNoise {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long MIX1 = 0xBF58476D1CE4E5B9L;
  private static final long MIX2 = 0x94D049BB133111EBL;
  private static final double TO_UNIT = 0x1.0p-53;

  private SeededNoise() {}

  /** z of one seed, in Java. */
  public static float[] of(long seed, int zDim) {
    checkArgument(zDim > 0, "zDim must be > 0, was %s", zDim);
    int k = zDim + (zDim & 1);
    float[] out = new float[zDim];
    for (int j = 0; j < k; j += 2) {
      double u1 = 1 - uniform(seed, j);
      double u2 = uniform(seed, j + 1);
      double radius = Math.sqrt(-2 * Math.log(u1));
      double angle = 2 * Math.PI * u2;
      out[j] = (float) (radius * Math.cos(angle));
      if (j + 1 < zDim) {
        out[j + 1] = (float) (radius * Math.sin(angle));
      }
    }
    return out;
  }

  static double uniform(long seed, int k) {
    long x = seed + (k + 1) * GOLDEN;
    x = (x ^ (x >>> 30)) * MIX1;
    x = (x ^ (x >>> 27)) * MIX2;
    x = x ^ (x >>> 31);
    return (x >>> 11) * TO_UNIT;
  }

  /**
   * z of each seed, in the graph.
   *
   * @param seeds {@code int64 [N]}
   * @return {@code float32 [N, zDim]}
   */
  public static Operand<TFloat32> build(Ops tf, Operand<TInt64> seeds, int zDim) {
    checkArgument(zDim > 0, "zDim must be > 0, was %s", zDim);
    int k = zDim + (zDim & 1);
    Operand<TFloat64> u = uniforms(tf, seeds, k);
    // [N, k] → [N, k/2, 2]: even elements give the radius, odd ones the angle
    Operand<TFloat64> pairs = tf.reshape(u, tf.constant(new int[] {-1, k / 2, 2}));
    var parts = tf.unstack(pairs, 2L, Unstack.axis(2L));
    Operand<TFloat64> u1 = tf.math.sub(tf.constant(1.0), parts.output().get(0));
    Operand<TFloat64> u2 = parts.output().get(1);
    Operand<TFloat64> radius = tf.math.sqrt(tf.math.mul(tf.constant(-2.0), tf.math.log(u1)));
    Operand<TFloat64> angle = tf.math.mul(tf.constant(2 * Math.PI), u2);
    Operand<TFloat64> normals =
        tf.stack(
            List.of(
                tf.math.mul(radius, tf.math.cos(angle)), tf.math.mul(radius, tf.math.sin(angle))),
            Stack.axis(2L));
    Operand<TFloat64> flat = tf.reshape(normals, tf.constant(new int[] {-1, k}));
    if (k != zDim) {
      flat = tf.slice(flat, tf.constant(new int[] {0, 0}), tf.constant(new int[] {-1, zDim}));
    }
    return tf.dtypes.cast(flat, TFloat32.class);
  }

  /**
   * The first {@code count} uniforms in [0, 1) of each seed's stream, in the graph: element {@code
   * k} equals {@link #uniform}{@code (seed, k)}, whatever the batch.
   *
   * @param seeds {@code int64 [N]}
   * @return {@code float64 [N, count]}
   */
  public static Operand<TFloat64> uniforms(Ops tf, Operand<TInt64> seeds, int count) {
    checkArgument(count > 0, "count must be > 0, was %s", count);
    long[] offsets = new long[count];
    for (int j = 0; j < count; j++) {
      offsets[j] = (j + 1) * GOLDEN;
    }
    Operand<TInt64> x =
        tf.math.add(tf.expandDims(seeds, tf.constant(1)), tf.constant(new long[][] {offsets}));
    x = tf.math.mul(tf.bitwise.bitwiseXor(x, shiftRightLogical(tf, x, 30)), tf.constant(MIX1));
    x = tf.math.mul(tf.bitwise.bitwiseXor(x, shiftRightLogical(tf, x, 27)), tf.constant(MIX2));
    x = tf.bitwise.bitwiseXor(x, shiftRightLogical(tf, x, 31));
    return tf.math.mul(
        tf.dtypes.cast(shiftRightLogical(tf, x, 11), TFloat64.class), tf.constant(TO_UNIT));
  }

  /** {@code x >>> bits} with TF's arithmetic int64 shift: shift, then clear the sign's copies. */
  private static Operand<TInt64> shiftRightLogical(Ops tf, Operand<TInt64> x, int bits) {
    return tf.bitwise.bitwiseAnd(
        tf.bitwise.rightShift(x, tf.constant((long) bits)), tf.constant((1L << (64 - bits)) - 1));
  }
}
