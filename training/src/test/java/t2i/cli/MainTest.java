package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** How {@link Main} places the commands other modules contribute. */
class MainTest {
  @Command(name = "extra")
  static final class Extra implements Runnable {
    @Override
    public void run() {}
  }

  @Command(name = "probe")
  static final class Probe implements Runnable {
    @Override
    public void run() {}
  }

  static CliExtension extension(Object command, String parent) {
    return new CliExtension() {
      @Override
      public Object command() {
        return command;
      }

      @Override
      public String parent() {
        return parent;
      }
    };
  }

  @Test
  void anExtensionGoesUnderTheParentItNames() {
    CommandLine cli =
        Main.newCommandLine(List.of(extension(new Probe(), "bench"), extension(new Extra(), null)));
    assertTrue(cli.getSubcommands().containsKey("extra"));
    assertTrue(!cli.getSubcommands().containsKey("probe"));
    CommandLine bench = cli.getSubcommands().get("bench");
    assertEquals(List.of("data", "train", "probe"), List.copyOf(bench.getSubcommands().keySet()));
    assertEquals(0, cli.execute("bench", "probe"));
  }

  @Test
  void aParentFromAnotherExtensionWorksInAnyOrder() {
    CommandLine cli =
        Main.newCommandLine(List.of(extension(new Probe(), "extra"), extension(new Extra(), null)));
    assertTrue(cli.getSubcommands().get("extra").getSubcommands().containsKey("probe"));
  }

  @Test
  void anUnknownParentIsABugNamedAtStartup() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Main.newCommandLine(List.of(extension(new Probe(), "nope"))));
    assertTrue(
        e.getMessage().contains("goes under `t2i nope`, which is not a command"), e.getMessage());
  }
}
