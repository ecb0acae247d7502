package t2i.cli;

import picocli.CommandLine.Option;
import t2i.data.Split;

/** {@code --split trainval|test}. */
final class SplitOption {
  @Option(
      names = "--split",
      description = "trainval or test (default: ${DEFAULT-VALUE}).",
      defaultValue = "trainval")
  Split split;
}
