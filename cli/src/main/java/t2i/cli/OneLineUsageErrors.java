package t2i.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A mistyped command line gets one line saying what is wrong and where the help is, instead of
 * picocli's default of the message followed by the whole usage page.
 */
final class OneLineUsageErrors implements IParameterExceptionHandler {
  static final int EXIT_USAGE = 2;

  @Override
  public int handleParseException(ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("t2i: error: " + e.getMessage());
    UnmatchedArgumentException.printSuggestions(e, err);
    err.println("Run `" + cli.getCommandSpec().qualifiedName(" ") + " --help` for its options.");
    err.flush();
    return EXIT_USAGE;
  }
}
