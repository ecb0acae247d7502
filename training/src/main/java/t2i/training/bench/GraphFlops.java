package t2i.training.bench;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.ndarray.Shape;

/**
 * Floating-point operations of one run of a graph, counted from the static shapes of the ops that
 * run: convolutions (forward, and both backward passes), transposed convolutions and matrix
 * products, a multiply-add counted as 2. Element-wise ops, batch norm and reductions are left out:
 * they are a few percent of a DCGAN step's operations (though not of its time).
 */
public final class GraphFlops {
  /** FLOPs per op type, and the ops of those types whose shapes were not static. */
  public record Count(Map<String, Long> byType, int unknownShapes) {
    public long total() {
      return byType.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private GraphFlops() {}

  /** The ops a run with these targets and fetches executes: everything they depend on. */
  public static Set<GraphOperation> reachable(Collection<? extends Operation> roots) {
    Set<GraphOperation> seen = new HashSet<>();
    Deque<GraphOperation> todo = new ArrayDeque<>();
    for (Operation r : roots) {
      todo.add((GraphOperation) r);
    }
    while (!todo.isEmpty()) {
      GraphOperation op = todo.pop();
      if (!seen.add(op)) {
        continue;
      }
      for (Operand<?> in : op.inputs()) {
        todo.add((GraphOperation) in.op());
      }
      todo.addAll(op.controlInputs());
    }
    return seen;
  }

  public static Count count(Collection<GraphOperation> ops) {
    Map<String, Long> byType = new LinkedHashMap<>();
    int unknown = 0;
    for (GraphOperation op : ops) {
      long flops;
      try {
        flops = flops(op);
      } catch (IllegalStateException e) {
        unknown++;
        continue;
      }
      if (flops > 0) {
        byType.merge(op.type(), flops, Long::sum);
      }
    }
    return new Count(Map.copyOf(byType), unknown);
  }

  /** FLOPs of one op, 0 for op types not counted; throws when a needed shape is not static. */
  static long flops(GraphOperation op) {
    switch (op.type()) {
      case "Conv2D":
        {
          // output [N, H, W, Cout] × filter [kh, kw, Cin, Cout] / Cout
          Shape filter = shape(op, 1);
          return 2 * size(op.output(0).shape()) * filter.get(0) * filter.get(1) * filter.get(2);
        }
      case "Conv2DBackpropInput":
        {
          // inputs: sizes, filter [kh, kw, Cin, Cout], out_backprop [N, H, W, Cout]
          Shape filter = shape(op, 1);
          return 2 * size(shape(op, 2)) * filter.get(0) * filter.get(1) * filter.get(2);
        }
      case "Conv2DBackpropFilter":
        {
          // inputs: input, filter_sizes, out_backprop [N, H, W, Cout]; output the filter
          Shape filter = op.output(0).shape();
          return 2 * size(shape(op, 2)) * filter.get(0) * filter.get(1) * filter.get(2);
        }
      case "MatMul":
        {
          Shape out = op.output(0).shape();
          long rows = out.get(0);
          long inner = size(shape(op, 0)) / rows;
          return 2 * size(out) * inner;
        }
      default:
        return 0;
    }
  }

  private static Shape shape(GraphOperation op, int input) {
    return op.input(input).shape();
  }

  private static long size(Shape s) {
    if (s.isUnknown() || s.hasUnknownDimension()) {
      throw new IllegalStateException("shape not static: " + s);
    }
    return s.size();
  }
}
