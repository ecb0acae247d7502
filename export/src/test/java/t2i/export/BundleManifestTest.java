package t2i.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

class BundleManifestTest {
  @TempDir Path dir;

  private void file(String path, String content) throws IOException {
    Path f = dir.resolve(path);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content, StandardCharsets.UTF_8);
  }

  @Test
  void listsEveryFileWithItsSizeAndHashAndFindsEachKindOfDifference() throws IOException {
    file("text2image/1/saved_model.pb", "graph");
    file("text2image/1/variables/variables.index", "index");
    file("README.md", "card");
    BundleManifest written = BundleManifest.write(dir);
    assertEquals(
        List.of(
            "README.md", "text2image/1/saved_model.pb", "text2image/1/variables/variables.index"),
        written.files().stream().map(BundleManifest.Entry::path).toList());
    assertEquals(64, written.files().get(0).sha256().length());
    assertEquals(4, written.files().get(0).bytes());
    assertEquals(14, written.totalBytes());
    assertEquals(written, BundleManifest.read(dir));
    assertEquals(List.of(), BundleManifest.differences(dir));

    file("README.md", "card!");
    Files.delete(dir.resolve("text2image/1/saved_model.pb"));
    file("extra.txt", "x");
    List<String> d = BundleManifest.differences(dir);
    assertEquals(3, d.size(), d.toString());
    assertTrue(d.get(0).startsWith("changed: README.md (5 bytes"), d.toString());
    assertEquals("missing: text2image/1/saved_model.pb", d.get(1));
    assertEquals("not in the manifest: extra.txt", d.get(2));
  }

  @Test
  void theHashIsSha256() throws IOException {
    file("a", "abc");
    // The standard test vector of FIPS 180-2 for "abc".
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        BundleManifest.of(dir).files().get(0).sha256());
  }

  @Test
  void aBundleOverTheLimitIsRefusedAndAMissingManifestNamed() throws IOException {
    UserException missing = assertThrows(UserException.class, () -> BundleManifest.read(dir));
    assertTrue(missing.getMessage().contains("t2i bundle"), missing.getMessage());
    try (RandomAccessFile big = new RandomAccessFile(dir.resolve("big").toFile(), "rw")) {
      big.setLength(BundleManifest.MAX_BYTES + 1);
    }
    UserException e = assertThrows(UserException.class, () -> BundleManifest.write(dir));
    assertTrue(e.getMessage().contains("more than the 80 MB"), e.getMessage());
    assertTrue(Files.notExists(dir.resolve(BundleManifest.FILE)));
  }
}
