package t2i.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

class QueryImageTest {
  @TempDir Path dir;

  @Test
  void grayscaleSixteenBitBecomesRgbAtSixtyFour() throws IOException {
    BufferedImage gray = new BufferedImage(80, 80, BufferedImage.TYPE_USHORT_GRAY);
    gray.getRaster().setSample(10, 10, 0, 65535);
    Path file = dir.resolve("gray16.png");
    ImageIO.write(gray, "png", file.toFile());
    QueryImage q = QueryImage.load(file, 64);
    assertEquals(64, q.image().getWidth());
    assertEquals(BufferedImage.TYPE_INT_RGB, q.image().getType());
    assertEquals(64 * 64 * 3, q.pixels().length);
    assertTrue(q.notes().contains("resized 80 x 80 to 64 x 64"), q.notes().toString());
    float[] p = q.pixels();
    assertEquals(-1f, p[0], 1e-6, "black stays -1");
  }

  @Test
  void aWideJpegIsCentreCroppedWithANote() throws IOException {
    BufferedImage wide = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
    Path file = dir.resolve("wide.jpg");
    ImageIO.write(wide, "jpeg", file.toFile());
    QueryImage q = QueryImage.load(file, 64);
    assertEquals(
        List.of("centre-cropped 200 x 100 to 100 x 100", "resized 100 x 100 to 64 x 64"),
        q.notes());
  }

  @Test
  void aTextFileIsRefusedInOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.png"), "not an image");
    UserException e = assertThrows(UserException.class, () -> QueryImage.load(file, 64));
    assertTrue(e.getMessage().contains("is not an image this tool reads"), e.getMessage());
    assertThrows(UserException.class, () -> QueryImage.load(dir.resolve("missing.png"), 64));
  }

  /** A PNG header announcing 20000 × 20000 pixels: refused before any pixel is decoded. */
  @Test
  void aHugeImageIsRefusedFromItsHeader() throws IOException {
    Path file = dir.resolve("huge.png");
    Files.write(file, pngHeader(20_000, 20_000));
    UserException e = assertThrows(UserException.class, () -> QueryImage.load(file, 64));
    assertTrue(e.getMessage().contains("20000 x 20000 pixels"), e.getMessage());
  }

  private static byte[] pngHeader(int width, int height) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteArrayOutputStream chunk = new ByteArrayOutputStream();
    DataOutputStream c = new DataOutputStream(chunk);
    c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
    c.writeInt(width);
    c.writeInt(height);
    c.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
    byte[] body = chunk.toByteArray();
    out.writeInt(body.length - 4);
    out.write(body);
    CRC32 crc = new CRC32();
    crc.update(body);
    out.writeInt((int) crc.getValue());
    return bytes.toByteArray();
  }
}
