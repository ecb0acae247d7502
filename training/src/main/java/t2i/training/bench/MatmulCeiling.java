package t2i.training.bench;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.training.Precision;
import t2i.training.Sessions;

/**
 * The machine's practical ceiling for dense work in this TF runtime: GFLOP/s of an {@code n × n}
 * matrix product of two float32 variables, run as a target (nothing copied out), with the same
 * thread settings and precision (the same graph rewrite) as training.
 */
public final class MatmulCeiling {
  private MatmulCeiling() {}

  /** GFLOP/s over {@code runs} products after {@code warmup}. */
  public static double gflops(int n, int runs, int warmup, int threads, Precision precision) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a =
          tf.variable(
              tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class));
      Operand<TFloat32> b =
          tf.variable(
              tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class));
      Operand<TFloat32> product = tf.linalg.matMul(a, b);
      try (Session s = Sessions.create(g, threads, precision)) {
        for (int i = 0; i < warmup; i++) {
          s.runner().addTarget(product).run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
          s.runner().addTarget(product).run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return 2.0 * n * n * (double) n * runs / seconds / 1e9;
      }
    }
  }
}
