package t2i.cli;

import picocli.CommandLine.Option;

/** {@code --npm PATH}, shared by the commands that may download packages. */
final class NpmOption {
  @Option(
      names = "--npm",
      paramLabel = "PATH",
      description = "The npm executable (default: ${DEFAULT-VALUE}).",
      defaultValue = "npm")
  String executable;
}
