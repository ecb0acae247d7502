package t2i.training.bench;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;

/**
 * In which precision a traced step's matrix products and convolutions really ran: the data type of
 * each one's output as the runtime recorded it, which is how to tell that a mixed-precision rewrite
 * took effect (TF drops it silently when oneDNN is off).
 */
public final class PrecisionTrace {
  /** The op types the bfloat16 rewrite is meant to move: the graph's FLOPs. */
  static final Set<String> PRODUCTS =
      Set.of("MatMul", "BatchMatMulV2", "Conv2D", "Conv2DBackpropInput", "Conv2DBackpropFilter");

  private PrecisionTrace() {}

  /**
   * @param bfloat16 products whose output was bfloat16
   * @param total products traced
   * @param bfloat16Micros their op time
   * @param totalMicros op time of all products
   */
  public record Share(int bfloat16, int total, long bfloat16Micros, long totalMicros) {
    public String describe() {
      return String.format(
          Locale.ROOT,
          "%d of %d matrix products and convolutions ran in bfloat16 (%.0f%% of their op time)",
          bfloat16,
          total,
          totalMicros == 0 ? 0.0 : 100.0 * bfloat16Micros / totalMicros);
    }
  }

  /** The products among the traced nodes of {@code graph}. */
  public static Share products(Graph graph, List<RunMetadata> traces) {
    int bf16 = 0;
    int total = 0;
    long bf16Micros = 0;
    long totalMicros = 0;
    for (RunMetadata m : traces) {
      for (DeviceStepStats device : m.getStepStats().getDevStatsList()) {
        for (NodeExecStats node : device.getNodeStatsList()) {
          GraphOperation op = graph.operation(node.getNodeName());
          if (op == null || !PRODUCTS.contains(op.type()) || node.getOutputCount() == 0) {
            continue;
          }
          total++;
          totalMicros += node.getAllEndRelMicros();
          if (node.getOutput(0).getTensorDescription().getDtype() == DataType.DT_BFLOAT16) {
            bf16++;
            bf16Micros += node.getAllEndRelMicros();
          }
        }
      }
    }
    return new Share(bf16, total, bf16Micros, totalMicros);
  }
}
