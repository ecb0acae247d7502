package t2i.data.io;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import t2i.error.UserException;

/**
 * A folder that appears whole or not at all: written as a hidden sibling ({@code
 * .<name>.partial-<pid>-<n>}), renamed into place by {@link #commit()}, deleted by {@link #close()}
 * or at JVM shutdown if never committed. Staging folders of processes that died (killed, power
 * loss) are removed the next time a folder with the same name is created. An existing target is
 * replaced only when asked, and only if it is empty or holds the marker file of the kind of folder
 * being written, so a mistyped path never deletes someone's files.
 */
public final class AtomicDirectory implements AutoCloseable {
  private static final String PARTIAL = ".partial-";

  private final Path target;
  private final Path staging;
  private final boolean replace;
  private final Thread cleanupAtExit;
  private boolean committed;

  private AtomicDirectory(Path target, Path staging, boolean replace) {
    this.target = target;
    this.staging = staging;
    this.replace = replace;
    this.cleanupAtExit = new Thread(() -> deleteQuietly(staging), "t2i-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanupAtExit);
  }

  /**
   * Starts a folder at {@code target}. Fails at once, before any work, if {@code target} exists and
   * may not be replaced.
   *
   * @param replace replace an existing target (the user passed --force)
   * @param marker a file every folder of this kind has ({@code manifest.json}); an existing
   *     non-empty target without it is never replaced
   */
  public static AtomicDirectory create(Path target, boolean replace, String marker)
      throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null || Path.of("").toAbsolutePath().normalize().startsWith(absolute)) {
      throw new UserException(absolute + " holds the working folder: choose another output folder");
    }
    if (Files.exists(absolute)) {
      if (!replace) {
        throw new UserException(
            absolute
                + " already exists: choose another output folder, or pass --force to"
                + " replace it");
      }
      if (!isEmptyDirectory(absolute) && !Files.exists(absolute.resolve(marker))) {
        throw new UserException(
            absolute
                + " exists and is not a folder t2i wrote (no "
                + marker
                + "): not replacing"
                + " it; choose another output folder");
      }
    }
    Files.createDirectories(parent);
    removeStaleStaging(parent, absolute.getFileName().toString());
    Path staging =
        parent.resolve(
            "."
                + absolute.getFileName()
                + PARTIAL
                + ProcessHandle.current().pid()
                + "-"
                + System.nanoTime());
    Files.createDirectory(staging);
    return new AtomicDirectory(absolute, staging, replace);
  }

  /** Where to write the folder's files until {@link #commit()}. */
  public Path staging() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Moves the staged folder to the target, replacing an old one if allowed. */
  public void commit() throws IOException {
    Fsync.tree(staging);
    Path old = null;
    if (Files.exists(target)) {
      if (!replace) {
        throw new UserException(target + " appeared while building; not replacing it");
      }
      old = staging.resolveSibling(staging.getFileName() + ".old");
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
      }
      throw e;
    }
    Fsync.directory(target.getParent());
    committed = true;
    removeHook();
    if (old != null) {
      deleteRecursively(old);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      deleteRecursively(staging);
      removeHook();
    }
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupAtExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it deletes the staging folder itself
    }
  }

  /** Deletes {@code .<name>.partial-<pid>-*} folders whose process is gone. */
  private static void removeStaleStaging(Path parent, String name) throws IOException {
    String prefix = "." + name + PARTIAL;
    try (Stream<Path> siblings = Files.list(parent)) {
      for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
        String rest = p.getFileName().toString().substring(prefix.length());
        int dash = rest.indexOf('-');
        try {
          long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
          if (ProcessHandle.of(pid).isEmpty()) {
            deleteRecursively(p);
          }
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteRecursively(dir);
    } catch (UncheckedIOException e) {
      // best effort at exit
    }
  }

  public static void deleteRecursively(Path dir) {
    try {
      if (Files.exists(dir)) {
        MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
