package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by the commands that read a dataset. */
final class DatasetOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_EMOJI_DATASET)
  Path dir;

  /** The folder, absolute, if the command line names it; null when it is the default. */
  Path given(CommandSpec spec) {
    return spec.commandLine().getParseResult().hasMatchedOption("--data")
        ? dir.toAbsolutePath().normalize()
        : null;
  }
}
