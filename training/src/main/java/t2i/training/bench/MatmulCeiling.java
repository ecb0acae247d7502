package t2i.training.bench;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import t2i.training.Precision;
import t2i.training.Sessions;

/**
 * The machine's practical ceiling for dense work in this TF runtime: GFLOP/s of an {@code n × n}
 * matrix product of two float32 variables, with the same thread settings and precision (the same
 * graph rewrite) as training. The product is consumed by an Identity that is the run's target:
 * grappler leaves a run's targets as they are, so a product that was itself the target would stay
 * float32 under the bfloat16 rewrite.
 */
public final class MatmulCeiling {
  /**
   * @param gflops the product's rate
   * @param product in which precision the product ran, from a traced run
   */
  public record Result(double gflops, PrecisionTrace.Share product) {}

  private MatmulCeiling() {}

  /** GFLOP/s over {@code runs} products after {@code warmup}. */
  public static Result measure(int n, int runs, int warmup, int threads, Precision precision) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> a =
          tf.variable(
              tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class));
      Operand<TFloat32> b =
          tf.variable(
              tf.random.randomStandardNormal(tf.constant(new int[] {n, n}), TFloat32.class));
      Operand<TFloat32> target = tf.identity(tf.linalg.matMul(a, b));
      try (Session s = Sessions.create(g, threads, precision)) {
        for (int i = 0; i < warmup; i++) {
          s.runner().addTarget(target).run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
          s.runner().addTarget(target).run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<RunMetadata> trace = new ArrayList<>();
        try (var r =
            s.runner()
                .addTarget(target)
                .setOptions(
                    RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())
                .runAndFetchMetadata()) {
          trace.add(r.getMetadata().orElseThrow());
        }
        return new Result(
            2.0 * n * n * (double) n * runs / seconds / 1e9, PrecisionTrace.products(g, trace));
      }
    }
  }
}
