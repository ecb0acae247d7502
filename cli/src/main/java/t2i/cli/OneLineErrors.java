package t2i.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;
import t2i.error.UserException;

/**
 * Turns the errors a user can act on into one line on stderr and exit code 1. Anything else is a
 * bug: it gets the line too, plus the stack trace. {@code T2I_DEBUG=1} prints every stack trace.
 */
final class OneLineErrors implements IExecutionExceptionHandler {
  static final int EXIT_ERROR = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    String message = userMessage(e);
    boolean debug = "1".equals(System.getenv("T2I_DEBUG"));
    cli.getErr().println("t2i: error: " + (message != null ? message : describe(e)));
    if (message == null) {
      cli.getErr().println("This is a bug in t2i; please report it with the trace below.");
    }
    if (message == null || debug) {
      e.printStackTrace(cli.getErr());
    }
    cli.getErr().flush();
    return EXIT_ERROR;
  }

  /** The one-line message of an error the user can fix, or null for a bug. */
  static String userMessage(Throwable e) {
    if (e instanceof UserException) {
      return e.getMessage();
    }
    // Our checkArgument calls: the caller's mistake. TensorFlow's own IllegalArgumentExceptions
    // (TFInvalidArgumentException) come from a graph we built wrongly: a bug, with its trace.
    if (e instanceof IllegalArgumentException
        && !e.getClass().getName().startsWith("org.tensorflow")) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException f) {
      return "no such file: " + f.getFile();
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile();
    }
    if (e instanceof UncheckedIOException u) {
      String inner = userMessage(u.getCause());
      return inner != null ? inner : "I/O error: " + u.getCause().getMessage();
    }
    if (e instanceof IOException io) {
      return "I/O error: " + io.getMessage();
    }
    return null;
  }

  private static String describe(Throwable e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
