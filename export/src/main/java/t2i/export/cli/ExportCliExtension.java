package t2i.export.cli;

import t2i.cli.CliExtension;

/** Adds {@code t2i export} to the command line. */
public final class ExportCliExtension implements CliExtension {
  @Override
  public Object command() {
    return new ExportCommand();
  }
}
