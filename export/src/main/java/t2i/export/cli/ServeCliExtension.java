package t2i.export.cli;

import t2i.cli.CliExtension;

/** Adds {@code t2i serve} to the command line. */
public final class ServeCliExtension implements CliExtension {
  @Override
  public Object command() {
    return new ServeCommand();
  }
}
