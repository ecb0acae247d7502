package t2i.training.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Session;
import org.tensorflow.proto.RunMetadata;
import t2i.training.Cpu;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.bench.PrecisionTrace;

/**
 * The same tiny GAN, from the same initial weights and inputs, in a float32 session and a bfloat16
 * one: the bfloat16 session really runs its products in bfloat16 (the trace says so, and its losses
 * are not bit-identical), and the losses of a few training steps stay close to float32's.
 */
class GanPrecisionTest {
  private static final int STEPS = 4;
  private static final int BATCH = 8;

  @Test
  void bfloat16StepsStayCloseToFloat32Ones() {
    assumeTrue(Cpu.current().hasBfloat16(), "this CPU has no bfloat16 instructions");
    GanTrainingConfig config =
        GanTrainingConfig.builder("(synthetic)", "(synthetic)", 16)
            .preset("tiny")
            .batchSize(BATCH)
            .flip(false)
            .seed(3)
            .build();
    Run f32 = run(config, Precision.FLOAT32);
    Run bf16 = run(config, Precision.BFLOAT16);

    assertEquals(0, f32.products().bfloat16(), "float32 runs no product in bfloat16");
    assertTrue(f32.products().total() > 0, "the trace found the products");
    assertEquals(
        bf16.products().total(), bf16.products().bfloat16(), "every product ran in bfloat16");
    assertNotEquals(f32.losses(), bf16.losses(), "bfloat16 arithmetic differs somewhere");
    for (int i = 0; i < f32.losses().size(); i++) {
      double a = f32.losses().get(i);
      double b = bf16.losses().get(i);
      assertTrue(
          Math.abs(a - b) <= 0.05 * Math.max(1, Math.abs(a)),
          "value " + i + " (step " + (i / 2 + 1) + "): float32 " + a + ", bfloat16 " + b);
    }
  }

  private record Run(List<Double> losses, PrecisionTrace.Share products) {}

  private static Run run(GanTrainingConfig config, Precision precision) {
    GanGraph graph = new GanGraph(config);
    List<Double> losses = new ArrayList<>();
    try (Session session = Sessions.open(graph.graph, 1, precision, null)) {
      SplittableRandom random = new SplittableRandom(7);
      for (int i = 0; i < STEPS; i++) {
        GanGraph.Losses l = graph.step(session, GanGraph.StepInputs.random(config, BATCH, random));
        losses.add(l.lossD());
        losses.add(l.lossG());
      }
      List<RunMetadata> traces = new ArrayList<>();
      graph.step(session, GanGraph.StepInputs.random(config, BATCH, random), traces);
      return new Run(losses, PrecisionTrace.products(graph.graph, traces));
    } finally {
      graph.graph.close();
    }
  }
}
