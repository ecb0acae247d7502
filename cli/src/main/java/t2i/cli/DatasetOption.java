package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by the commands that read a dataset. */
final class DatasetOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_EMOJI_DATASET)
  Path dir;
}
