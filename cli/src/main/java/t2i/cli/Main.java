package t2i.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine;

/** Entry point of the {@code t2i} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // The CLI never opens a window: charts and grids are drawn off screen, with or without DISPLAY.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    redirectStderr();
    System.exit(newCommandLine().execute(args));
  }

  /**
   * The launcher passes the terminal's stderr as {@code T2I_JAVA_STDERR} (a {@code /dev/fd/N} path)
   * and filters TensorFlow's native log lines out of the process's own stderr; Java's messages and
   * progress bars go straight to the terminal.
   */
  private static void redirectStderr() {
    String path = System.getenv("T2I_JAVA_STDERR");
    if (path == null || path.isEmpty()) {
      return;
    }
    try {
      System.setErr(stderrTo(Path.of(path)));
    } catch (IOException e) {
      // keep the default stderr
    }
  }

  /**
   * Appends: where stderr is a file ({@code ./t2i train ... > run.log 2>&1}), opening /dev/fd/N
   * anew without it would truncate the log and write over what the launcher and Maven put there.
   */
  static PrintStream stderrTo(Path path) throws IOException {
    return new PrintStream(
        new FileOutputStream(path.toFile(), true), true, StandardCharsets.UTF_8.name());
  }

  /** The configured command line; tests call {@code execute} on it and read its streams. */
  public static CommandLine newCommandLine() {
    CommandLine cli = new CommandLine(new T2iCommand());
    cli.setExecutionExceptionHandler(new OneLineErrors());
    cli.setParameterExceptionHandler(new OneLineUsageErrors());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }
}
