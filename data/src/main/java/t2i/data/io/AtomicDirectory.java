package t2i.data.io;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import t2i.data.DataException;

/**
 * A folder that appears whole or not at all: written as a hidden sibling, renamed into place by
 * {@link #commit()}, deleted by {@link #close()} if never committed. An interrupted or failed build
 * leaves the target as it was.
 */
public final class AtomicDirectory implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final boolean replace;
  private boolean committed;

  private AtomicDirectory(Path target, Path staging, boolean replace) {
    this.target = target;
    this.staging = staging;
    this.replace = replace;
  }

  /**
   * Starts a folder at {@code target}. Fails at once if {@code target} exists and {@code replace}
   * is false, so no work is wasted.
   */
  public static AtomicDirectory create(Path target, boolean replace) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !replace) {
      throw new DataException(
          absolute + " already exists: choose another --out, or pass --force to replace it");
    }
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    Path staging =
        parent.resolve(
            "."
                + absolute.getFileName()
                + ".partial-"
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
    Path old = null;
    if (Files.exists(target)) {
      if (!replace) {
        throw new DataException(target + " appeared while building; not replacing it");
      }
      old = staging.resolveSibling(staging.getFileName() + ".old");
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    committed = true;
    if (old != null) {
      deleteRecursively(old);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      deleteRecursively(staging);
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
