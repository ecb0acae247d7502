package t2i.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * This machine's processor as Linux reports it in {@code /proc/cpuinfo}: its model name and the
 * instruction-set flags that decide how fast TF's oneDNN kernels can run. Elsewhere the name is
 * "unknown" and no flag is known.
 *
 * @param model the first processor's model name
 * @param flags its flags
 */
public record Cpu(String model, Set<String> flags) {
  /** The flags BENCHMARKS.md reports: vector widths, and the int8 and bfloat16 dot products. */
  public static final List<String> RELEVANT_FLAGS =
      List.of(
          "avx2",
          "fma",
          "avx512f",
          "avx512_vnni",
          "avx512_bf16",
          "avx512_fp16",
          "amx_tile",
          "amx_bf16");

  public Cpu {
    flags = Set.copyOf(flags);
  }

  public static Cpu current() {
    return parse(Path.of("/proc/cpuinfo"));
  }

  static Cpu parse(Path cpuinfo) {
    String model = "unknown";
    Set<String> flags = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(cpuinfo)) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          if (line.isBlank() && !flags.isEmpty()) {
            break; // the first processor is enough
          }
          continue;
        }
        String key = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        if (key.equals("model name")) {
          model = value;
        } else if (key.equals("flags")) {
          flags.addAll(List.of(value.split("\\s+")));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: nothing known
    }
    return new Cpu(model, flags);
  }

  /** Whether the CPU has bfloat16 dot-product instructions oneDNN uses (AVX512_BF16 or AMX). */
  public boolean hasBfloat16() {
    return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
  }

  /** "AMD EPYC (avx2 fma avx512f avx512_vnni avx512_bf16)": the model and its relevant flags. */
  public String describe() {
    List<String> present = RELEVANT_FLAGS.stream().filter(flags::contains).toList();
    return model
        + " ("
        + (present.isEmpty() ? "none of " + RELEVANT_FLAGS : String.join(" ", present))
        + ")";
  }
}
