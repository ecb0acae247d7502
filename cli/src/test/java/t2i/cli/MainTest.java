package t2i.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command tree {@link Main} builds: every verb listed statically, every help page clean. */
class MainTest {
  @Test
  void theRootListsEveryVerb() {
    Map<String, List<String>> tree = new TreeMap<>();
    for (CommandLine command : allCommands(Main.newCommandLine())) {
      tree.put(
          command.getCommandSpec().qualifiedName(" "),
          List.copyOf(command.getSubcommands().keySet()));
    }
    assertEquals(
        List.of(
            "demo",
            "data",
            "train",
            "eval",
            "embed",
            "sample",
            "interpolate",
            "style-transfer",
            "report",
            "export",
            "inspect",
            "serve",
            "generate",
            "bundle",
            "bench"),
        tree.get("t2i"));
    assertEquals(
        List.of("emoji", "reed", "scenes", "coco", "info", "preview"), tree.get("t2i data"));
    assertEquals(
        List.of(
            "embedding", "gan", "style", "judge", "boxes", "shapes", "layout-image", "scene-judge"),
        tree.get("t2i train"));
    assertEquals(
        List.of("embedding", "gan", "style", "judge", "boxes", "shapes", "scene-judge", "scenes"),
        tree.get("t2i eval"));
    assertEquals(List.of("boxes", "shapes", "scene", "layout-image"), tree.get("t2i sample"));
    assertEquals(List.of("data", "train", "serve"), tree.get("t2i bench"));
  }

  /**
   * picocli reports a malformed description (an unescaped {@code %}, say) as a warning on stderr
   * while it renders the help, and prints the help anyway; a user sees the warnings first.
   */
  @Test
  void everyHelpPageRendersWithoutWarnings() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    List<String> rendered = new ArrayList<>();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      for (CommandLine command : allCommands(Main.newCommandLine())) {
        StringWriter help = new StringWriter();
        command.usage(new PrintWriter(help));
        assertTrue(help.toString().startsWith("Usage: "), help.toString());
        rendered.add(command.getCommandSpec().qualifiedName(" "));
      }
    } finally {
      System.setErr(stderr);
    }
    String warnings = captured.toString(StandardCharsets.UTF_8);
    assertEquals("", warnings, "help of " + rendered + " printed warnings");
    assertTrue(rendered.size() > 25, "rendered " + rendered);
  }

  @Test
  void aWarningInHelpIsCaught() {
    // The check above must be able to fail: a description with a stray % makes picocli warn.
    @Command(name = "bad", description = "100% broken")
    class Bad implements Runnable {
      @Override
      public void run() {}
    }
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      new CommandLine(new Bad()).usage(new PrintWriter(new StringWriter()));
    } finally {
      System.setErr(stderr);
    }
    assertTrue(captured.toString(StandardCharsets.UTF_8).contains("WARN"), captured.toString());
  }

  @Test
  void javaStderrAppendsToALogFileInsteadOfTruncatingIt(@TempDir Path dir) throws IOException {
    Path log = Files.writeString(dir.resolve("run.log"), "t2i: building ...\n");
    try (PrintStream err = Main.stderrTo(log)) {
      err.println("t2i: error: something");
    }
    assertEquals("t2i: building ...\nt2i: error: something\n", Files.readString(log));
  }

  private static List<CommandLine> allCommands(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    all.add(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      all.addAll(allCommands(sub));
    }
    return all;
  }
}
