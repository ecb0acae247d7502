package t2i.training.gan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import t2i.data.Progress;
import t2i.training.Cpu;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.bench.GraphFlops;
import t2i.training.bench.Machine;
import t2i.training.bench.MatmulCeiling;
import t2i.training.bench.PrecisionTrace;

/**
 * {@code t2i bench train}: the GAN's training step (one D update, one G update) on random inputs of
 * the real shapes, exactly as the trainer runs it; its FLOPs counted from the graph's static shapes
 * (a twin graph with the batch size fixed); and, in the same process and thread settings, the
 * GFLOP/s of a large matrix product, the machine's practical ceiling. Each precision asked for is
 * measured in turn, beside the ceiling in the same precision.
 */
public final class GanStepBenchmark {
  /** One precision's figures. */
  public record Measurement(
      Precision precision,
      double secondsPerStep,
      double matmulGflops,
      PrecisionTrace.Share matmulProduct,
      Map<String, Long> tracedMicrosByOpType,
      PrecisionTrace.Share products) {
    public double stepsPerSecond() {
      return 1 / secondsPerStep;
    }
  }

  /** What the benchmark measured. */
  public record Result(
      String preset,
      String loss,
      int batch,
      int threads,
      int steps,
      double flopsPerStep,
      Map<String, Long> flopsByOpType,
      int uncountedOps,
      int matmulSize,
      List<Measurement> measurements,
      long peakRssBytes,
      String machine,
      String cpu) {
    public double gflops(Measurement m) {
      return flopsPerStep / m.secondsPerStep() / 1e9;
    }

    public String format() {
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "GAN training step (D then G), preset %s, loss %s, batch %d, %d TF threads, %d steps"
                  + " measured%n",
              preset,
              loss,
              batch,
              threads,
              steps));
      sb.append(
          String.format(
              Locale.ROOT,
              "  GFLOP per step     %10.2f   (convolutions and matrix products, forward and"
                  + " backward%s)%n",
              flopsPerStep / 1e9,
              uncountedOps > 0
                  ? "; " + uncountedOps + " ops with non-static shapes not counted"
                  : ""));
      Measurement first = measurements.get(0);
      for (Measurement m : measurements) {
        sb.append(String.format(Locale.ROOT, "%s:%n", m.precision()));
        sb.append(String.format(Locale.ROOT, "  steps/s            %10.3f%n", m.stepsPerSecond()));
        sb.append(
            String.format(
                Locale.ROOT, "  images/s           %10.1f%n", batch * m.stepsPerSecond()));
        sb.append(String.format(Locale.ROOT, "  achieved GFLOP/s   %10.1f%n", gflops(m)));
        sb.append(
            String.format(
                Locale.ROOT,
                "  matmul GFLOP/s     %10.1f   (%d x %d in %s, same runtime and threads)%n",
                m.matmulGflops(),
                matmulSize,
                matmulSize,
                m.precision()));
        sb.append(
            String.format(
                Locale.ROOT, "  step / ceiling     %10.2f%n", gflops(m) / m.matmulGflops()));
        if (m != first) {
          sb.append(
              String.format(
                  Locale.ROOT,
                  "  step speed vs %s %8.2fx%n",
                  first.precision(),
                  m.stepsPerSecond() / first.stepsPerSecond()));
        }
        sb.append(String.format(Locale.ROOT, "  traced step: %s%n", m.products().describe()));
        sb.append(
            String.format(Locale.ROOT, "  traced matmul: %s%n", m.matmulProduct().describe()));
        appendProfile(sb, m.tracedMicrosByOpType());
      }
      sb.append(
          String.format(
              Locale.ROOT, "peak RSS             %10.0f MB (this process)%n", peakRssBytes / 1e6));
      sb.append("machine: ").append(machine).append('\n');
      sb.append("cpu: ").append(cpu).append('\n');
      return sb.toString();
    }

    private static void appendProfile(StringBuilder sb, Map<String, Long> byType) {
      if (byType.isEmpty()) {
        return;
      }
      long total = byType.values().stream().mapToLong(Long::longValue).sum();
      sb.append(
          String.format(
              Locale.ROOT,
              "  one traced step (TF FULL_TRACE), %.1f ms of op time, by op type:%n",
              total / 1e3));
      byType.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(15)
          .forEach(
              e ->
                  sb.append(
                      String.format(
                          Locale.ROOT,
                          "    %-28s %9.1f ms %5.1f%%%n",
                          e.getKey(),
                          e.getValue() / 1e3,
                          100.0 * e.getValue() / total)));
    }
  }

  private final GanTrainingConfig config;
  private final String preset;
  private final int threads;

  public GanStepBenchmark(GanTrainingConfig config, String preset, int threads) {
    this.config = config;
    this.preset = preset;
    this.threads = threads;
  }

  /**
   * Measures each of {@code precisions} in turn (each must be supported here).
   *
   * @param profile also trace one step per precision and sum its op time by op type
   */
  public Result run(
      List<Precision> precisions,
      int steps,
      int warmup,
      int matmulSize,
      boolean profile,
      Progress progress) {
    int n = config.batchSize();
    GraphFlops.Count flops = countFlops(n);
    List<Measurement> measured = new ArrayList<>();
    for (Precision precision : precisions) {
      measured.add(
          measure(precision.checkSupported(), steps, warmup, matmulSize, profile, progress));
    }
    return new Result(
        preset,
        config.loss().toString(),
        n,
        threads > 0 ? threads : Runtime.getRuntime().availableProcessors(),
        steps,
        flops.total(),
        new LinkedHashMap<>(flops.byType()),
        flops.unknownShapes(),
        matmulSize,
        measured,
        Machine.peakRssBytes(),
        Machine.describe(),
        Cpu.current().describe());
  }

  private Measurement measure(
      Precision precision,
      int steps,
      int warmup,
      int matmulSize,
      boolean profile,
      Progress progress) {
    int n = config.batchSize();
    double seconds;
    Map<String, Long> byType = Map.of();
    PrecisionTrace.Share products;
    GanGraph graph = new GanGraph(config);
    try (Session session = Sessions.open(graph.graph, threads, precision, null)) {
      SplittableRandom random = new SplittableRandom(config.seed());
      GanGraph.StepInputs inputs = GanGraph.StepInputs.random(config, n, random);
      progress.start(precision + " warm-up", warmup);
      for (int i = 0; i < warmup; i++) {
        graph.step(session, inputs);
        progress.advance(1);
      }
      progress.finish();
      progress.start(precision + " training steps", steps);
      long start = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        graph.step(session, inputs);
        progress.advance(1);
      }
      seconds = (System.nanoTime() - start) / 1e9 / steps;
      progress.finish();
      List<RunMetadata> traces = new ArrayList<>();
      graph.step(session, inputs, traces);
      products = PrecisionTrace.products(graph.graph, traces);
      if (profile) {
        byType = timeByOpType(graph, traces);
      }
    } finally {
      graph.graph.close();
    }
    progress.start(precision + " matmul ceiling", 0);
    MatmulCeiling.Result ceiling = MatmulCeiling.measure(matmulSize, 20, 3, threads, precision);
    progress.finish();
    return new Measurement(
        precision, seconds, ceiling.gflops(), ceiling.product(), byType, products);
  }

  /** Op time of traced runs per op type (node names looked up in the graph, else "other"). */
  private static Map<String, Long> timeByOpType(GanGraph graph, List<RunMetadata> traces) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (RunMetadata m : traces) {
      for (DeviceStepStats device : m.getStepStats().getDevStatsList()) {
        for (NodeExecStats node : device.getNodeStatsList()) {
          GraphOperation op = graph.graph.operation(node.getNodeName());
          String type = op != null ? op.type() : "other";
          out.merge(type, node.getAllEndRelMicros(), Long::sum);
        }
      }
    }
    return out;
  }

  /** The ops run by the D update plus those run by the G update (G's forward pass twice). */
  GraphFlops.Count countFlops(int batch) {
    GanGraph fixed = new GanGraph(config, batch);
    try {
      GraphFlops.Count d =
          GraphFlops.count(
              GraphFlops.reachable(
                  List.of(
                      fixed.lossD.op(),
                      fixed.realScore.op(),
                      fixed.fakeScore.op(),
                      fixed.trainD.op())));
      GraphFlops.Count g =
          GraphFlops.count(GraphFlops.reachable(List.of(fixed.lossG.op(), fixed.trainG.op())));
      Map<String, Long> sum = new LinkedHashMap<>(d.byType());
      g.byType().forEach((k, v) -> sum.merge(k, v, Long::sum));
      return new GraphFlops.Count(sum, d.unknownShapes() + g.unknownShapes());
    } finally {
      fixed.graph.close();
    }
  }
}
