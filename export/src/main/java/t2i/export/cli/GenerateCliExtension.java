package t2i.export.cli;

import t2i.cli.CliExtension;

/** Adds {@code t2i generate} to the command line. */
public final class GenerateCliExtension implements CliExtension {
  @Override
  public Object command() {
    return new GenerateCommand();
  }
}
