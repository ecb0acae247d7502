package t2i.data.io;

import com.google.common.hash.HashCode;
import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** File checksums: SHA-256 (hex) for shards, SHA-512 (base64, as npm reports it) for packages. */
public final class Digests {
  private Digests() {}

  public static String sha256Hex(Path file) throws IOException {
    HashCode hash = MoreFiles.asByteSource(file).hash(Hashing.sha256());
    return hash.toString();
  }

  public static String sha512Base64(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-512", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        md.update(buffer, 0, n);
      }
    }
    return Base64.getEncoder().encodeToString(md.digest());
  }
}
