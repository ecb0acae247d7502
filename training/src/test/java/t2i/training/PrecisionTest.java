package t2i.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tensorflow.proto.RewriterConfig;

class PrecisionTest {
  @Test
  void namesRoundTripAndUnknownOnesAreRefusedWithTheChoices() {
    for (Precision p : Precision.values()) {
      assertEquals(p, Precision.of(p.toString()));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Precision.of("float16"));
    assertEquals("precision must be float32 or bfloat16, was float16", e.getMessage());
  }

  @Test
  void onlyBfloat16TurnsOnTheOnednnRewriteAndNeitherRunsTheRemapper() {
    RewriterConfig f32 =
        Sessions.config(1, Precision.FLOAT32).getGraphOptions().getRewriteOptions();
    RewriterConfig bf16 =
        Sessions.config(1, Precision.BFLOAT16).getGraphOptions().getRewriteOptions();
    assertEquals(RewriterConfig.Toggle.DEFAULT, f32.getAutoMixedPrecisionOnednnBfloat16());
    assertEquals(RewriterConfig.Toggle.ON, bf16.getAutoMixedPrecisionOnednnBfloat16());
    assertEquals(RewriterConfig.Toggle.OFF, f32.getRemapping());
    assertEquals(RewriterConfig.Toggle.OFF, bf16.getRemapping());
  }

  @Test
  void float32RunsEverywhereAndBfloat16OnlyWhereTheCpuHasIt() {
    assertEquals(Precision.FLOAT32, Precision.FLOAT32.checkSupported());
    if (Cpu.current().hasBfloat16()) {
      assertEquals(Precision.BFLOAT16, Precision.BFLOAT16.orFloat32WhereUnsupported());
    } else {
      var e = assertThrows(RuntimeException.class, Precision.BFLOAT16::checkSupported);
      assertTrue(e.getMessage().contains("no bfloat16 instructions"), e.getMessage());
      assertEquals(Precision.FLOAT32, Precision.BFLOAT16.orFloat32WhereUnsupported());
    }
  }
}
