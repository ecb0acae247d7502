package t2i.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Debian {@code chromium} package run headless: screenshots, and a check of pages' images from
 * inside the browser. Console messages (script errors, {@code console.*}) are read from Chromium's
 * log on stderr ({@code --enable-logging=stderr --v=0}), where they appear as {@code CONSOLE}
 * lines.
 */
final class HeadlessChromium {
  private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");
  private static final Pattern CHECK =
      Pattern.compile("\"T2I-CHECK (\\S+) images=(\\d+) broken=(\\d+)\"");
  private static final long TIMEOUT_SECONDS = 120;

  private final Path executable;
  private final Path work;

  /** What a page's check found. */
  record ImageCheck(String page, int images, int broken) {}

  /** A run's console lines, other than the checker's own. */
  record Result(List<String> console, List<ImageCheck> checks) {}

  private HeadlessChromium(Path executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /** {@code $CHROMIUM}, else {@code chromium} on the PATH. */
  static Optional<HeadlessChromium> find(Path work) {
    String override = System.getenv("CHROMIUM");
    if (override != null && !override.isBlank()) {
      return Optional.of(new HeadlessChromium(Path.of(override), work));
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .map(d -> Path.of(d, "chromium"))
        .filter(Files::isExecutable)
        .findFirst()
        .map(p -> new HeadlessChromium(p, work));
  }

  /** A {@code width}x{@code height} screenshot of {@code page}. */
  Result screenshot(Path page, Path png, int width, int height) throws IOException {
    return run(
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=" + width + "," + height,
        page.toAbsolutePath().toUri().toString());
  }

  /**
   * Loads each page in an iframe of a checker page and counts, once everything has loaded, its
   * {@code <img>} elements and those the browser could not show ({@code naturalWidth == 0}). File
   * URLs may read each other only with {@code --allow-file-access-from-files}.
   */
  Result checkImages(List<Path> pages) throws IOException {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>\n");
    for (int i = 0; i < pages.size(); i++) {
      html.append("<iframe id=\"p")
          .append(i)
          .append("\" data-name=\"")
          .append(pages.get(i).getFileName())
          .append("\" src=\"")
          .append(pages.get(i).toAbsolutePath().toUri())
          .append("\" width=\"800\" height=\"600\"></iframe>\n");
    }
    html.append(
        """
        <script>
        window.addEventListener("load", () => {
          for (const frame of document.querySelectorAll("iframe")) {
            const doc = frame.contentDocument;
            if (!doc) { console.log("T2I-CHECK " + frame.dataset.name + " images=-1 broken=-1"); continue; }
            const images = Array.from(doc.images);
            const broken = images.filter(i => !i.complete || i.naturalWidth === 0).length;
            console.log("T2I-CHECK " + frame.dataset.name + " images=" + images.length + " broken=" + broken);
          }
        });
        </script></body></html>
        """);
    Path checker = Files.createTempFile(work, "checker", ".html");
    Files.writeString(checker, html, StandardCharsets.UTF_8);
    return run("--allow-file-access-from-files", "--dump-dom", checker.toUri().toString());
  }

  private Result run(String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                executable.toString(),
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--hide-scrollbars",
                "--enable-logging=stderr",
                "--v=0",
                "--user-data-dir=" + Files.createTempDirectory(work, "profile")));
    command.addAll(List.of(args));
    Path log = Files.createTempFile(work, "chromium", ".log");
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException("chromium exited with " + p.exitValue() + ":\n" + output);
    }
    List<String> console = new ArrayList<>();
    List<ImageCheck> checks = new ArrayList<>();
    for (String line : output.lines().toList()) {
      Matcher check = CHECK.matcher(line);
      if (check.find()) {
        checks.add(
            new ImageCheck(
                check.group(1),
                Integer.parseInt(check.group(2)),
                Integer.parseInt(check.group(3))));
      } else if (CONSOLE.matcher(line).find()) {
        console.add(line);
      }
    }
    return new Result(console, checks);
  }
}
