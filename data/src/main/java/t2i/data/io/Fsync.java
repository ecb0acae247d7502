package t2i.data.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Forces files and folders to disk before a rename publishes them, so that a power loss cannot
 * leave a published name pointing at empty files. Folders are synced where the platform allows
 * (Linux, macOS); elsewhere that part is skipped.
 */
public final class Fsync {
  private Fsync() {}

  /** Every regular file under {@code dir}, then the folders, deepest first. */
  public static void tree(Path dir) throws IOException {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
    }
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        file(p);
      } else if (Files.isDirectory(p)) {
        directory(p);
      }
    }
  }

  public static void file(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  public static void directory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder as a channel; its renames are journaled anyway.
    }
  }
}
