package t2i.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code t2i train}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train the models. Runs checkpoint every few minutes and resume exactly.",
    subcommands = {TrainEmbeddingCommand.class})
final class TrainCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
