package t2i.export;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link SavedModelInspector} found in a SavedModel: serialised as is by {@code t2i inspect
 * --json}.
 *
 * @param path the version folder that holds {@code saved_model.pb}
 * @param variablesIndex whether {@code variables/variables.index} exists
 * @param metaGraphs one entry per meta graph, in file order
 * @param problems one line each; empty when the model is clean
 */
public record SavedModelReport(
    String path, boolean variablesIndex, List<MetaGraph> metaGraphs, List<String> problems) {
  public SavedModelReport {
    metaGraphs = List.copyOf(metaGraphs);
    problems = List.copyOf(problems);
  }

  /** True when nothing needs fixing before serving. */
  public boolean clean() {
    return problems.isEmpty();
  }

  /**
   * @param tags the meta graph's tags ({@code serve})
   * @param signatures by key
   * @param ops nodes in the graph
   * @param functions functions in the graph's library
   * @param variables variable nodes (VariableV2, Variable, VarHandleOp) in the graph
   * @param opTypes the distinct op types of the graph and its functions, sorted
   */
  public record MetaGraph(
      List<String> tags,
      List<Signature> signatures,
      int ops,
      int functions,
      int variables,
      List<String> opTypes) {
    public MetaGraph {
      tags = List.copyOf(tags);
      signatures = List.copyOf(signatures);
      opTypes = List.copyOf(opTypes);
    }
  }

  /**
   * @param key the signature key ({@code serving_default})
   * @param methodName e.g. {@code tensorflow/serving/predict}
   * @param inputs by key
   * @param outputs by key
   */
  public record Signature(
      String key, String methodName, List<Tensor> inputs, List<Tensor> outputs) {
    public Signature {
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /**
   * @param key the name callers use ({@code text})
   * @param tensor the graph tensor ({@code text:0}), or a description of a sparse or composite one
   * @param dtype e.g. {@code DT_STRING}
   * @param shape dimensions, -1 for unknown ones; null when even the rank is unknown
   */
  public record Tensor(String key, String tensor, String dtype, List<Long> shape) {
    public Tensor {
      shape = shape == null ? null : List.copyOf(shape);
    }

    /** {@code [-1,64,64,3]}, {@code []} for a scalar, {@code unknown rank}. */
    public String shapeText() {
      return shape == null
          ? "unknown rank"
          : shape.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
  }

  /** The human-readable summary {@code t2i inspect} prints. */
  public String format() {
    StringBuilder sb = new StringBuilder("SavedModel ").append(path).append('\n');
    for (MetaGraph g : metaGraphs) {
      sb.append("meta graph ")
          .append(g.tags())
          .append(": ")
          .append(g.ops())
          .append(" ops, ")
          .append(g.functions())
          .append(" functions, ")
          .append(g.variables())
          .append(" variables, ")
          .append(g.signatures().size())
          .append(" signatures\n");
      for (Signature s : g.signatures()) {
        sb.append("  signature ").append(s.key()).append(" (").append(s.methodName()).append(")\n");
        s.inputs().forEach(t -> appendTensor(sb, "input ", t));
        s.outputs().forEach(t -> appendTensor(sb, "output", t));
      }
      sb.append("  op types (")
          .append(g.opTypes().size())
          .append("): ")
          .append(String.join(", ", g.opTypes()))
          .append('\n');
    }
    sb.append("variables/variables.index: ").append(variablesIndex ? "present" : "absent");
    sb.append('\n');
    sb.append(
        clean()
            ? "clean: inference only, servable signatures\n"
            : problems.size() + (problems.size() == 1 ? " problem\n" : " problems\n"));
    return sb.toString();
  }

  private static void appendTensor(StringBuilder sb, String direction, Tensor t) {
    sb.append("    ")
        .append(direction)
        .append(' ')
        .append(t.key())
        .append(": ")
        .append(t.tensor())
        .append(' ')
        .append(t.dtype())
        .append(' ')
        .append(t.shapeText())
        .append('\n');
  }
}
