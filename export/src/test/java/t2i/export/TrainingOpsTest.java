package t2i.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.FunctionDefLibrary;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/** The training-op rule on hand-made graphs: what it flags and, as much, what it must not. */
class TrainingOpsTest {
  /** A graph of {@code name:Op} nodes. */
  static GraphDef graph(String... nodes) {
    GraphDef.Builder g = GraphDef.newBuilder();
    for (String n : nodes) {
      int colon = n.lastIndexOf(':');
      g.addNode(NodeDef.newBuilder().setName(n.substring(0, colon)).setOp(n.substring(colon + 1)));
    }
    return g.build();
  }

  @Test
  void inferenceOpsThatResembleTrainingOnesAreClean() {
    GraphDef g =
        graph(
            "gen_deconv1_w:VariableV2",
            "gen_deconv1/Conv2DBackpropInput:Conv2DBackpropInput",
            "Conv3DBackpropInputV2:Conv3DBackpropInputV2",
            "DepthwiseConv2dNativeBackpropInput:DepthwiseConv2dNativeBackpropInput",
            "gen_bn1_moving_mean:VariableV2",
            "gen_bn1_beta:VariableV2",
            "FusedBatchNormV3:FusedBatchNormV3",
            "StopGradient:StopGradient",
            "PreventGradient:PreventGradient",
            "gradients_done:NoOp",
            "optimizer_out:Identity",
            "txt_rms:VariableV2", // no variable "txt": a weight that happens to end in _rms
            "layer/Adam:VariableV2", // no variable "layer"
            "w:VariableV2",
            "w_1:VariableV2", // a uniquified name, not a slot
            "w/ExponentialMovingAverage:VariableV2",
            "gradients:Identity", // a node called gradients is not a scope
            "Applied:Identity",
            "ApplyNothing:Identity");
    assertEquals(List.of(), TrainingOps.problems(g));
  }

  @Test
  void updateOpsAreFlaggedPerOpTypeNamingTheirNodes() {
    GraphDef g =
        graph(
            "ApplyAdam:ApplyAdam",
            "ApplyAdam_1:ApplyAdam",
            "x/ResourceApplyAdam:ResourceApplyAdam",
            "emb/ResourceSparseApplyAdagradV2:ResourceSparseApplyAdagradV2",
            "sgd:ApplyGradientDescent");
    assertEquals(
        List.of(
            "optimizer update op ApplyAdam left in the graph: 2 nodes (ApplyAdam, ApplyAdam_1);"
                + " export an inference-only graph",
            "optimizer update op ApplyGradientDescent left in the graph: 1 node (sgd);"
                + " export an inference-only graph",
            "optimizer update op ResourceApplyAdam left in the graph: 1 node"
                + " (x/ResourceApplyAdam); export an inference-only graph",
            "optimizer update op ResourceSparseApplyAdagradV2 left in the graph: 1 node"
                + " (emb/ResourceSparseApplyAdagradV2); export an inference-only graph"),
        TrainingOps.problems(g));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SigmoidGrad",
        "ReluGrad",
        "FusedBatchNormGradV3",
        "MaxPoolGrad",
        "MaxPoolGradV2",
        "MaxPoolGradWithArgmax",
        "TensorArrayGradV3",
        "Conv2DBackpropFilter",
        "Conv3DBackpropFilterV2",
        "DepthwiseConv2dNativeBackpropFilter",
        "BroadcastGradientArgs",
        "SymbolicGradient"
      })
  void gradientOnlyOpTypesAreFlagged(String op) {
    assertEquals(
        List.of(
            "gradient op " + op + " left in the graph: 1 node (n); export an inference-only graph"),
        TrainingOps.problems(graph("n:" + op)));
  }

  @Test
  void gradientScopesAreFlaggedOncePerScopeWhateverTheirOps() {
    GraphDef g =
        graph(
            "Gradients/OnesLike:OnesLike",
            "Gradients/ReluGrad:ReluGrad",
            "Gradients/Conv2DBackpropInput:Conv2DBackpropInput",
            "Gradients/b:Mul",
            "Gradients_1/Mul:Mul",
            "tower0/gradients/conv/Conv2DBackpropFilter:Conv2DBackpropFilter");
    assertEquals(
        List.of(
            "gradients scope Gradients/ left in the graph (back-propagation): 4 nodes"
                + " (Gradients/OnesLike, Gradients/ReluGrad, Gradients/Conv2DBackpropInput, 1"
                + " more); export an inference-only graph",
            "gradients scope Gradients_1/ left in the graph (back-propagation): 1 node"
                + " (Gradients_1/Mul); export an inference-only graph",
            "gradients scope tower0/gradients/ left in the graph (back-propagation): 1 node"
                + " (tower0/gradients/conv/Conv2DBackpropFilter); export an inference-only graph"),
        TrainingOps.problems(g));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // this project's t2i.training.optim slots and Adam powers
        "w_adam_m",
        "w_adam_v",
        "w_rms",
        "w_mom",
        "optimizer_text_beta1_power",
        "optimizer_g_beta2_power",
        // tensorflow-framework's Optimizer.createName
        "w-m",
        "w-v",
        "w-momentum",
        "w-accumulator",
        // TF1 Python's slot_creator
        "w/Adam",
        "w/Adam_1",
        "w/RMSProp",
        "w/RMSProp_1",
        "w/Momentum",
        "beta1_power",
        "beta2_power_1"
      })
  void optimizerSlotNamingsAreRecognised(String name) {
    assertTrue(TrainingOps.isSlot(name, Set.of("w")), name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"w", "w_1", "v_adam_m", "v-m", "v/Adam", "w/Adam_x", "gen_rms_w", "w_m"})
  void namesThatAreNotSlotsOfAnExistingVariableAreNot(String name) {
    assertFalse(TrainingOps.isSlot(name, Set.of("w")), name);
  }

  @Test
  void slotVariablesAreOneLineAndOnlyVariablesCount() {
    GraphDef g =
        graph(
            "w:VariableV2",
            "w_adam_m:VariableV2",
            "w_adam_v:VariableV2",
            "optimizer_beta1_power:VariableV2",
            "optimizer_beta2_power:VariableV2",
            "w_adam_m/read:Identity");
    assertEquals(
        List.of(
            "optimizer slot variables left in the graph: 4 nodes (w_adam_m, w_adam_v,"
                + " optimizer_beta1_power, 1 more); export an inference-only graph (weights"
                + " only)"),
        TrainingOps.problems(g));
  }

  @Test
  void functionBodiesAreCheckedForUpdateAndGradientOps() {
    GraphDef g =
        graph("x:Placeholder").toBuilder()
            .setLibrary(
                FunctionDefLibrary.newBuilder()
                    .addFunction(
                        FunctionDef.newBuilder()
                            .setSignature(OpDef.newBuilder().setName("train_step"))
                            .addNodeDef(
                                NodeDef.newBuilder().setName("apply").setOp("ResourceApplyAdam"))
                            .addNodeDef(
                                NodeDef.newBuilder()
                                    .setName("deconv")
                                    .setOp("Conv2DBackpropInput"))))
            .build();
    assertEquals(
        List.of(
            "optimizer update op ResourceApplyAdam left in the graph: 1 node (train_step/apply);"
                + " export an inference-only graph"),
        TrainingOps.problems(g));
  }
}
