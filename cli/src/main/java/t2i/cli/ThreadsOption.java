package t2i.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}, for the commands that run TensorFlow. */
final class ThreadsOption {
  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "TensorFlow threads (default: one per core).",
      defaultValue = "0",
      converter = OptionValues.NonNegativeInt.class)
  int threads;
}
