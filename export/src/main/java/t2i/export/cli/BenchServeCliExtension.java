package t2i.export.cli;

import t2i.cli.CliExtension;

/** Adds {@code t2i bench serve} under the training module's {@code t2i bench}. */
public final class BenchServeCliExtension implements CliExtension {
  @Override
  public Object command() {
    return new BenchServeCommand();
  }

  @Override
  public String parent() {
    return "bench";
  }
}
