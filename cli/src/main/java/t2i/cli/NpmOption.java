package t2i.cli;

import picocli.CommandLine.Option;
import t2i.data.emoji.ProcessNpmClient;

/** {@code --npm PATH}, shared by the commands that may download packages. */
final class NpmOption {
  @Option(
      names = "--npm",
      paramLabel = "PATH",
      description = "The npm executable (default: npm, or npm.cmd on Windows).")
  String executable;

  String executable() {
    return executable != null ? executable : ProcessNpmClient.defaultExecutable();
  }
}
