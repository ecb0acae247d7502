package t2i.data.emoji;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import t2i.error.UserException;

/** Reads selected files out of an npm tarball (gzip-compressed tar) without unpacking it. */
public final class Tarball {
  private Tarball() {}

  /** The contents of every regular file whose path satisfies {@code wanted}, by path. */
  public static Map<String, byte[]> read(Path tgz, Predicate<String> wanted) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(tgz), 1 << 16);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(raw))) {
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (e.isFile() && wanted.test(e.getName())) {
          files.put(e.getName(), tar.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw new UserException(
          tgz + " is not a readable .tgz (" + e.getMessage() + "): delete it and fetch it again",
          e);
    }
    return files;
  }

  /** One file that must be in the tarball. */
  public static byte[] readOne(Path tgz, String path) {
    byte[] bytes = read(tgz, path::equals).get(path);
    if (bytes == null) {
      throw new UserException(tgz + " has no " + path + ": not the expected package");
    }
    return bytes;
  }
}
