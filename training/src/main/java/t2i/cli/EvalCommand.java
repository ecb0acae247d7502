package t2i.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code t2i eval}. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate trained runs; results are printed and written into the run folder.",
    subcommands = {EvalEmbeddingCommand.class})
final class EvalCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
