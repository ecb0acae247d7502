package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** A dataset folder as the command's positional parameter: {@code t2i data info DIR}. */
final class DatasetParameter {
  @Parameters(
      arity = "0..1",
      paramLabel = "DIR",
      description = "Dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_EMOJI_DATASET)
  Path dir;
}
