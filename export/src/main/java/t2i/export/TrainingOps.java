package t2i.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * What of training may not remain in a served graph. A node is a training leftover when one of
 * these holds; everything else is inference.
 *
 * <ol>
 *   <li><b>Optimizer update op</b>: its op type matches {@code (Resource)?(Sparse)?Apply[A-Z]\w*}
 *       (ApplyAdam, ResourceApplyAdam, ApplyRMSProp, ApplyGradientDescent,
 *       ResourceSparseApplyAdagradV2, ...).
 *   <li><b>Gradient-only op type</b>: ends in {@code Grad}, {@code Grad} + {@code V<n>} ({@code
 *       GradV2}, {@code GradV3}), {@code GradWithArgmax}, or {@code BackpropFilter} (+ {@code
 *       V<n>}), or is {@code BroadcastGradientArgs} or {@code SymbolicGradient}: SigmoidGrad,
 *       FusedBatchNormGradV3, MaxPoolGrad, Conv2DBackpropFilter, ... TensorFlow emits these only
 *       when differentiating. {@code *BackpropInput} ({@code Conv2DBackpropInput}, {@code
 *       Conv3DBackpropInputV2}, {@code DepthwiseConv2dNativeBackpropInput}) is <em>not</em> one: it
 *       is the transposed convolution of a generator's forward pass. Neither are {@code
 *       FusedBatchNormV3} (batch norm, also in inference mode), {@code StopGradient} or {@code
 *       PreventGradient}.
 *   <li><b>In a gradients scope</b>: a name scope (any path segment but the last) is {@code
 *       gradients} or {@code gradients_<n>}, ignoring case: TF Java's {@code Gradients/}, {@code
 *       Gradients_1/}, TF Python's {@code gradients/}, also under an outer scope. This catches the
 *       backward pass's ordinary ops (Mul, Sum, {@code Conv2DBackpropInput}, ...). This project's
 *       {@code gradients_done} barrier is a name, not a scope; its update ops are caught by rule 1.
 *   <li><b>Optimizer slot variable</b>: a variable node (VariableV2, Variable, VarHandleOp) named
 *       <ul>
 *         <li>{@code <v>_adam_m}, {@code <v>_adam_v}, {@code <v>_rms} or {@code <v>_mom} where
 *             {@code <v>} is another variable of the graph: this project's slots ({@code
 *             t2i.training.optim.Adam} and {@code RmsProp}, named {@code <variable>_<slot>});
 *         <li>{@code <v>-<slot>} where {@code <v>} is a variable: tensorflow-framework's {@code
 *             Optimizer.createName} ({@code w-m}, {@code w-v}, {@code w-rms}, {@code w-momentum},
 *             {@code w-accumulator}, ...);
 *         <li>{@code <v>/<Optimizer>} or {@code <v>/<Optimizer>_<n>} where {@code <v>} is a
 *             variable and the optimizer is one of {@value #TF1_SLOTS}: TF1 Python's slots ({@code
 *             w/Adam}, {@code w/Adam_1});
 *         <li>or a name that is, or ends in {@code _}/{@code /} followed by, {@code beta1_power} or
 *             {@code beta2_power} (optionally {@code _<n>}): Adam's accumulators, this project's
 *             {@code <optimizer>_beta1_power} and TF1's and tensorflow-framework's {@code
 *             beta1_power}.
 *       </ul>
 *       Requiring the slot's own variable to exist keeps a network weight that merely ends in
 *       {@code _rms} or {@code _1} from being flagged.
 * </ol>
 *
 * Rules 1 and 2 also apply to the nodes of the graph's function library (reported as {@code
 * <function>/<node>}); rules 3 and 4 to the graph's own nodes only. Problems are reported per op
 * type, per gradients scope, and once for all slot variables, each naming its first nodes.
 */
final class TrainingOps {
  static final String TF1_SLOTS =
      "Adam, RMSProp, Momentum, Adagrad, AdagradDA, Adadelta, Ftrl, ProximalAdagrad";
  static final Set<String> VARIABLE_OPS = Set.of("VariableV2", "Variable", "VarHandleOp");

  private static final Pattern UPDATE_OP = Pattern.compile("(Resource)?(Sparse)?Apply[A-Z]\\w*");
  private static final Pattern GRADIENT_OP =
      Pattern.compile(
          "\\w*(Grad(V\\d+|WithArgmax)?|BackpropFilter(V\\d+)?)|BroadcastGradientArgs"
              + "|SymbolicGradient");
  private static final Pattern GRADIENTS_SCOPE = Pattern.compile("(?i)gradients(_\\d+)?");
  private static final Pattern PROJECT_SLOT = Pattern.compile("(.+)_(adam_m|adam_v|rms|mom)");
  private static final Pattern FRAMEWORK_SLOT = Pattern.compile("(.+)-[^/-]+");
  private static final Pattern TF1_SLOT =
      Pattern.compile("(.+)/(" + TF1_SLOTS.replace(", ", "|") + ")(_\\d+)?");
  private static final Pattern BETA_POWER = Pattern.compile("(.*[_/])?beta[12]_power(_\\d+)?");
  private static final int EXAMPLES = 3;

  private TrainingOps() {}

  /** One line per kind of training leftover in the graph; empty for an inference graph. */
  static List<String> problems(GraphDef graph) {
    Map<String, List<String>> updates = new TreeMap<>();
    Map<String, List<String>> gradientOps = new TreeMap<>();
    Map<String, List<String>> scopes = new TreeMap<>();
    Set<String> variables = new HashSet<>();
    for (NodeDef n : graph.getNodeList()) {
      if (VARIABLE_OPS.contains(n.getOp())) {
        variables.add(n.getName());
      }
    }
    List<String> slots = new ArrayList<>();
    for (NodeDef n : graph.getNodeList()) {
      String scope = gradientsScope(n.getName());
      if (scope != null) {
        scopes.computeIfAbsent(scope, k -> new ArrayList<>()).add(n.getName());
      } else {
        classify(n.getName(), n.getOp(), updates, gradientOps);
      }
      if (VARIABLE_OPS.contains(n.getOp()) && isSlot(n.getName(), variables)) {
        slots.add(n.getName());
      }
    }
    for (FunctionDef f : graph.getLibrary().getFunctionList()) {
      for (NodeDef n : f.getNodeDefList()) {
        classify(f.getSignature().getName() + "/" + n.getName(), n.getOp(), updates, gradientOps);
      }
    }
    List<String> problems = new ArrayList<>();
    updates.forEach(
        (op, nodes) ->
            problems.add(
                "optimizer update op "
                    + op
                    + " left in the graph: "
                    + examples(nodes)
                    + "; export an inference-only graph"));
    scopes.forEach(
        (scope, nodes) ->
            problems.add(
                "gradients scope "
                    + scope
                    + "/ left in the graph (back-propagation): "
                    + examples(nodes)
                    + "; export an inference-only graph"));
    gradientOps.forEach(
        (op, nodes) ->
            problems.add(
                "gradient op "
                    + op
                    + " left in the graph: "
                    + examples(nodes)
                    + "; export an inference-only graph"));
    if (!slots.isEmpty()) {
      problems.add(
          "optimizer slot variables left in the graph: "
              + examples(slots)
              + "; export an inference-only graph (weights only)");
    }
    return problems;
  }

  private static void classify(
      String name,
      String op,
      Map<String, List<String>> updates,
      Map<String, List<String>> gradientOps) {
    if (UPDATE_OP.matcher(op).matches()) {
      updates.computeIfAbsent(op, k -> new ArrayList<>()).add(name);
    } else if (GRADIENT_OP.matcher(op).matches()) {
      gradientOps.computeIfAbsent(op, k -> new ArrayList<>()).add(name);
    }
  }

  /** The scope path up to its gradients segment, or null. */
  static String gradientsScope(String name) {
    String[] segments = name.split("/");
    for (int i = 0; i < segments.length - 1; i++) {
      if (GRADIENTS_SCOPE.matcher(segments[i]).matches()) {
        return String.join("/", Arrays.copyOf(segments, i + 1));
      }
    }
    return null;
  }

  static boolean isSlot(String name, Set<String> variables) {
    if (BETA_POWER.matcher(name).matches()) {
      return true;
    }
    for (Pattern p : List.of(PROJECT_SLOT, FRAMEWORK_SLOT, TF1_SLOT)) {
      var m = p.matcher(name);
      if (m.matches() && variables.contains(m.group(1))) {
        return true;
      }
    }
    return false;
  }

  private static String examples(List<String> names) {
    String shown = String.join(", ", names.subList(0, Math.min(EXAMPLES, names.size())));
    int more = names.size() - EXAMPLES;
    return names.size()
        + (names.size() == 1 ? " node (" : " nodes (")
        + shown
        + (more > 0 ? ", " + more + " more)" : ")");
  }
}
