package t2i.data.emoji;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Digests;
import t2i.error.UserException;

/**
 * Finds verified package tarballs: in a folder the user gives ({@code --from}), else in the cache,
 * else downloaded with npm into the cache. Every tarball's SHA-512 is checked against its pin
 * before use; a cached copy that verifies is never downloaded again.
 */
public final class PackageCache {
  private static final String DOWNLOAD_PREFIX = ".npm-pack-";

  private final Path cacheDir;
  private final Path fromDir;
  private final NpmClient npm;

  /**
   * @param cacheDir where downloads are kept
   * @param fromDir a folder of already-downloaded tarballs, or null to use the cache and npm
   */
  public PackageCache(Path cacheDir, Path fromDir, NpmClient npm) {
    this.cacheDir = cacheDir;
    this.fromDir = fromDir;
    this.npm = npm;
  }

  public Path resolve(NpmPackage pkg) throws IOException {
    if (fromDir != null) {
      Path file = fromDir.resolve(pkg.tarballFileName());
      if (!Files.isRegularFile(file)) {
        throw new UserException(
            fromDir
                + " has no "
                + pkg.tarballFileName()
                + ": fetch it with `npm pack "
                + pkg.spec()
                + "`");
      }
      verify(pkg, file);
      return file;
    }
    Path cached = cacheDir.resolve(pkg.tarballFileName());
    if (Files.isRegularFile(cached)) {
      if (matches(pkg, cached)) {
        return cached;
      }
      Files.delete(cached); // a damaged or partial copy: fetch a fresh one
    }
    Files.createDirectories(cacheDir);
    removeStaleDownloads();
    Path download =
        Files.createTempDirectory(cacheDir, DOWNLOAD_PREFIX + ProcessHandle.current().pid() + "-");
    try {
      npm.pack(pkg, download);
      Path file = download.resolve(pkg.tarballFileName());
      if (!Files.isRegularFile(file)) {
        throw new UserException(
            "`npm pack " + pkg.spec() + "` wrote no " + pkg.tarballFileName() + " in " + download);
      }
      verify(pkg, file);
      Files.move(file, cached, StandardCopyOption.ATOMIC_MOVE);
      return cached;
    } finally {
      AtomicDirectory.deleteRecursively(download);
    }
  }

  /** Download folders of processes that are gone (killed during a download). */
  private void removeStaleDownloads() throws IOException {
    try (Stream<Path> entries = Files.list(cacheDir)) {
      for (Path p : entries.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(DOWNLOAD_PREFIX)) {
          continue;
        }
        String rest = name.substring(DOWNLOAD_PREFIX.length());
        try {
          long pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
          if (ProcessHandle.of(pid).isEmpty()) {
            AtomicDirectory.deleteRecursively(p);
          }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
          // not one of ours
        }
      }
    }
  }

  private static boolean matches(NpmPackage pkg, Path file) throws IOException {
    return Digests.sha512Base64(file).equals(pkg.integrity());
  }

  private static void verify(NpmPackage pkg, Path file) throws IOException {
    String actual = Digests.sha512Base64(file);
    if (!actual.equals(pkg.integrity())) {
      throw new UserException(
          file
              + ": SHA-512 digest does not match the pinned one for "
              + pkg.spec()
              + " (expected sha512-"
              + pkg.integrity()
              + ", got sha512-"
              + actual
              + "): the file is damaged or another version; delete it and fetch it again with"
              + " `npm pack "
              + pkg.spec()
              + "`");
    }
  }
}
