package t2i.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

class AtomicDirectoryTest {
  @TempDir Path dir;

  static void write(Path target, boolean replace, String content) throws IOException {
    try (AtomicDirectory d = AtomicDirectory.create(target, replace, "manifest.json")) {
      Files.writeString(d.staging().resolve("manifest.json"), content);
      d.commit();
    }
  }

  @Test
  void replacesOnlyFoldersOfItsOwnKind() throws IOException {
    Path mine = dir.resolve("mine");
    Files.createDirectories(mine);
    Files.writeString(mine.resolve("notes.txt"), "keep me");
    UserException e = assertThrows(UserException.class, () -> write(mine, true, "x"));
    assertTrue(e.getMessage().contains("not a folder t2i wrote"), e.getMessage());
    assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));

    Path empty = dir.resolve("empty");
    Files.createDirectories(empty);
    write(empty, true, "new");
    assertEquals("new", Files.readString(empty.resolve("manifest.json")));

    write(empty, true, "newer");
    assertEquals("newer", Files.readString(empty.resolve("manifest.json")));
    assertNoStagingLeft();
  }

  @Test
  void neverReplacesTheWorkingFolderOrOneAboveIt() {
    Path cwd = Path.of("").toAbsolutePath();
    assertThrows(UserException.class, () -> AtomicDirectory.create(cwd, true, "manifest.json"));
    assertThrows(
        UserException.class, () -> AtomicDirectory.create(cwd.getParent(), true, "manifest.json"));
  }

  @Test
  void stagingOfADeadProcessIsRemovedOnTheNextCreate() throws IOException {
    long deadPid = findDeadPid();
    Path stale = dir.resolve(".ds.partial-" + deadPid + "-123");
    Files.createDirectories(stale.resolve("inner"));
    Path alive = dir.resolve(".ds.partial-" + ProcessHandle.current().pid() + "-456");
    Files.createDirectories(alive);
    write(dir.resolve("ds"), false, "x");
    assertFalse(Files.exists(stale), "stale staging folder of a dead process is still there");
    assertTrue(Files.exists(alive), "a live process's staging folder was removed");
  }

  @Test
  void closeWithoutCommitRemovesTheStaging() throws IOException {
    try (AtomicDirectory d = AtomicDirectory.create(dir.resolve("x"), false, "manifest.json")) {
      Files.writeString(d.staging().resolve("half"), "written");
    }
    assertFalse(Files.exists(dir.resolve("x")));
    assertNoStagingLeft();
  }

  private void assertNoStagingLeft() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".partial-")));
    }
  }

  private static long findDeadPid() {
    for (long pid = 4_000_000; pid > 1000; pid -= 7919) {
      if (ProcessHandle.of(pid).isEmpty()) {
        return pid;
      }
    }
    throw new IllegalStateException("no free pid found");
  }
}
