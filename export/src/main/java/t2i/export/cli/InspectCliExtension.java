package t2i.export.cli;

import t2i.cli.CliExtension;

/** Adds {@code t2i inspect} to the command line. */
public final class InspectCliExtension implements CliExtension {
  @Override
  public Object command() {
    return new InspectCommand();
  }
}
