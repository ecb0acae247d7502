package t2i.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuTest {
  @TempDir Path dir;

  @Test
  void readsTheFirstProcessorsModelAndFlags() throws IOException {
    Path info = dir.resolve("cpuinfo");
    Files.writeString(
        info,
        "processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu sse avx2 fma avx512f avx512_bf16"
            + " avx512_vnni\n\nprocessor\t: 1\nmodel name\t: Other\nflags\t\t: fpu amx_bf16\n");
    Cpu cpu = Cpu.parse(info);
    assertEquals("AMD EPYC", cpu.model());
    assertTrue(cpu.hasBfloat16());
    assertFalse(cpu.flags().contains("amx_bf16"), "only the first processor is read");
    assertEquals("AMD EPYC (avx2 fma avx512f avx512_vnni avx512_bf16)", cpu.describe());
  }

  @Test
  void withoutBfloat16FlagsOrCpuinfoThereIsNoBfloat16() throws IOException {
    Path info = dir.resolve("cpuinfo");
    Files.writeString(info, "model name\t: Intel Xeon\nflags\t\t: fpu avx2 fma avx512f\n");
    assertFalse(Cpu.parse(info).hasBfloat16());
    Cpu none = Cpu.parse(dir.resolve("missing"));
    assertEquals("unknown", none.model());
    assertFalse(none.hasBfloat16());
    assertTrue(none.describe().startsWith("unknown (none of [avx2"), none.describe());
  }
}
