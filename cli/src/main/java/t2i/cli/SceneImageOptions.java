package t2i.cli;

import picocli.CommandLine.Option;

/** {@code --size} and {@code --force} of the commands that write a scenes dataset. */
final class SceneImageOptions {
  @Option(
      names = "--size",
      description = "Image side, 64 or 128 (default: ${DEFAULT-VALUE}).",
      defaultValue = "64")
  int size;

  @Option(names = "--force", description = "Replace an existing dataset at --out.")
  boolean force;
}
