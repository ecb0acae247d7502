package t2i.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TensorFlowErrorLogTest {
  @Test
  void findsErrorLinesInBothOfTensorFlowsFormatsAndNothingElse() {
    String tfFormat =
        "2026-11-30 16:10:36.887993: E tensorflow/core/grappler/optimizers/tfg_optimizer_hook.cc:135]"
            + " tfg_optimizer{any(tfg-consolidate-attrs)} failed: INVALID_ARGUMENT: Node Relu_4 has"
            + " an empty op name";
    String abslFormat =
        "E0000 00:00:1796055036.902067   23387 meta_optimizer.cc:966] remapper failed: NOT_FOUND:"
            + " Op type not registered ''";
    String log =
        String.join(
            "\n",
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR",
            "I0000 00:00:1796055036.102725   23387 mlir_graph_optimization_pass.cc:401] MLIR V1"
                + " optimization pass is not enabled",
            "W0000 00:00:1796055036.848438   23387 graph_view.cc:849] No registered '' OpKernel",
            tfFormat,
            "\twhen importing GraphDef to MLIR module in GrapplerHook",
            abslFormat,
            "2026-11-30 16:11:55.010667: I tensorflow/cc/saved_model/loader.cc:236] Restoring"
                + " SavedModel bundle.",
            "an Error line of the program: E in the middle");
    assertEquals(List.of(tfFormat, abslFormat), TensorFlowErrorLog.errorLines(log));
  }
}
