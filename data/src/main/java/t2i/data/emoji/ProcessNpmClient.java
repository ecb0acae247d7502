package t2i.data.emoji;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import t2i.error.UserException;

/** Runs {@code npm pack NAME@VERSION --pack-destination DIR} as a child process. */
public final class ProcessNpmClient implements NpmClient {
  private static final long TIMEOUT_MINUTES = 15;

  private final String executable;

  /** The npm command of this platform: {@code npm.cmd} on Windows, {@code npm} elsewhere. */
  public static String defaultExecutable() {
    return System.getProperty("os.name", "").startsWith("Windows") ? "npm.cmd" : "npm";
  }

  /**
   * @param executable {@code npm}, or a path to it
   */
  public ProcessNpmClient(String executable) {
    this.executable = executable;
  }

  @Override
  public void pack(NpmPackage pkg, Path destination) throws IOException {
    Path log = Files.createTempFile(destination, "npm-", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
                executable,
                "pack",
                pkg.spec(),
                "--pack-destination",
                destination.toString(),
                "--loglevel=error")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(log.toFile());
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UserException(
          "cannot run `"
              + executable
              + "` ("
              + e.getMessage()
              + "): install Node.js and npm,"
              + " or download the tarballs elsewhere with `npm pack "
              + pkg.spec()
              + "` and pass --from DIR");
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new UserException(
            "`npm pack "
                + pkg.spec()
                + "` did not finish in "
                + TIMEOUT_MINUTES
                + " minutes: check the network, or pass --from DIR with the tarballs");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running npm pack", e);
    }
    if (process.exitValue() != 0) {
      throw new UserException(
          "`npm pack "
              + pkg.spec()
              + "` failed (exit "
              + process.exitValue()
              + "): "
              + summary(Files.readAllLines(log, StandardCharsets.UTF_8))
              + "; without network, fetch the tarballs elsewhere and pass --from DIR");
    }
    Files.deleteIfExists(log);
  }

  /** npm's first few error lines on one line, e.g. "code ENOTFOUND, network request ... failed". */
  private static String summary(List<String> stderr) {
    String s =
        stderr.stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.contains("A complete log of this run"))
            .map(l -> l.replaceFirst("^npm (error|ERR!)\\s*", ""))
            .filter(l -> !l.startsWith("Unknown user config") && !l.startsWith("npm warn"))
            .limit(3)
            .collect(Collectors.joining("; "));
    if (s.isEmpty()) {
      return "no error message";
    }
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
