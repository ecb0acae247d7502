package t2i.training.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A line describing where a benchmark ran, for BENCHMARKS.md. */
public final class Machine {
  private Machine() {}

  public static String describe() {
    return String.format(
        "%d cores, %.1f GB max heap, Java %s (%s), %s %s",
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / 1e9,
        System.getProperty("java.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"));
  }

  /** This process's peak resident memory (VmHWM), or −1 where /proc is not available. */
  public static long peakRssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
