package t2i.cli;

import picocli.CommandLine;

/** Entry point of the {@code t2i} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it and read its streams. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new T2iCommand());
    cli.setExecutionExceptionHandler(new OneLineErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
