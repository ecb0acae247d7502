package t2i.training.bench;

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
      for (String line :
          java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // not Linux
    }
    return -1;
  }
}
