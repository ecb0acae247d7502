package t2i.data.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

/** The real child-process path, with a missing npm and with an npm that has no network. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the npm stand-ins are POSIX shell scripts")
class ProcessNpmClientTest {
  @TempDir Path dir;

  static final NpmPackage PKG = EmojiSources.PINNED.annotations();

  @Test
  void missingNpmSaysToInstallItOrUseFrom() throws IOException {
    PackageCache cache =
        new PackageCache(
            dir.resolve("cache"),
            null,
            new ProcessNpmClient(dir.resolve("no-such-npm").toString()));
    UserException e = assertThrows(UserException.class, () -> cache.resolve(PKG));
    assertTrue(e.getMessage().contains("install Node.js and npm"), e.getMessage());
    assertTrue(e.getMessage().contains("--from"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertCacheHasNoLeftovers();
  }

  @Test
  void npmWithoutNetworkFailsWithItsErrorCodeOnOneLine() throws IOException {
    // A stand-in for npm that fails the way npm does offline.
    Path fakeNpm = dir.resolve("npm");
    Files.writeString(
        fakeNpm,
        """
        #!/bin/sh
        echo "npm error code ENOTFOUND" >&2
        echo "npm error syscall getaddrinfo" >&2
        echo "npm error A complete log of this run can be found in: /tmp/x.log" >&2
        exit 1
        """);
    Files.setPosixFilePermissions(fakeNpm, PosixFilePermissions.fromString("rwxr-xr-x"));
    PackageCache cache =
        new PackageCache(dir.resolve("cache"), null, new ProcessNpmClient(fakeNpm.toString()));
    UserException e = assertThrows(UserException.class, () -> cache.resolve(PKG));
    assertTrue(e.getMessage().contains("npm pack cldr-annotations-full@48.2.0"), e.getMessage());
    assertTrue(e.getMessage().contains("code ENOTFOUND"), e.getMessage());
    assertTrue(e.getMessage().contains("--from DIR"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
    assertCacheHasNoLeftovers();
  }

  @Test
  void npmThatWritesTheWrongBytesIsCaughtByTheDigest() throws IOException {
    Path fakeNpm = dir.resolve("npm");
    Files.writeString(
        fakeNpm,
        """
        #!/bin/sh
        # npm pack SPEC --pack-destination DIR ...
        echo "not a tarball" > "$4/cldr-annotations-full-48.2.0.tgz"
        """);
    Files.setPosixFilePermissions(fakeNpm, PosixFilePermissions.fromString("rwxr-xr-x"));
    PackageCache cache =
        new PackageCache(dir.resolve("cache"), null, new ProcessNpmClient(fakeNpm.toString()));
    UserException e = assertThrows(UserException.class, () -> cache.resolve(PKG));
    assertTrue(e.getMessage().contains("does not match the pinned one"), e.getMessage());
    assertCacheHasNoLeftovers();
  }

  private void assertCacheHasNoLeftovers() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertEquals(0, files.count(), "download leftovers in the cache");
    }
  }
}
