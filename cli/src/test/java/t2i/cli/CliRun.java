package t2i.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One {@code t2i} command run in this JVM as a user meets it: its exit code, stdout and stderr.
 * Shared by the command-line tests of every module (the training module's test-jar).
 */
public record CliRun(int exit, String out, String err) {
  public static CliRun of(String... args) {
    CommandLine cli = Main.newCommandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
