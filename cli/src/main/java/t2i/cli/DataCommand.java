package t2i.cli;

import picocli.CommandLine.Command;

/** {@code t2i data}: build and inspect datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Build and inspect text-image datasets.",
    subcommands = {
      DataEmojiCommand.class,
      DataReedCommand.class,
      DataScenesCommand.class,
      DataCocoCommand.class,
      DataInfoCommand.class,
      DataPreviewCommand.class
    })
final class DataCommand extends ParentCommand {}
