package t2i.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code t2i data}: build and inspect datasets. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = "Build and inspect text-image datasets.",
    subcommands = {
      DataEmojiCommand.class,
      DataReedCommand.class,
      DataInfoCommand.class,
      DataPreviewCommand.class
    })
final class DataCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
