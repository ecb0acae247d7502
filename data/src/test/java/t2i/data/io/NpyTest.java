package t2i.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.error.UserException;

class NpyTest {
  @TempDir Path dir;

  @Test
  void writesNumpysHeaderAndReadsItBack() throws IOException {
    Path file = dir.resolve("m.npy");
    float[] values = {1.5f, -2f, 3.25f, 0f, 7f, 8f};
    Npy.write(file, new Npy.Matrix(2, 3, values));
    byte[] bytes = Files.readAllBytes(file);
    assertEquals((byte) 0x93, bytes[0]);
    assertEquals("NUMPY", new String(bytes, 1, 5, StandardCharsets.US_ASCII));
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertEquals(0, (10 + headerLength) % 64, "data must start on a 64-byte boundary");
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
    assertEquals(10 + headerLength + 6 * 4, bytes.length);
    Npy.Matrix back = Npy.read(file);
    assertEquals(2, back.rows());
    assertEquals(3, back.columns());
    assertArrayEquals(values, back.values());
  }

  @Test
  void otherDtypesAndTruncationAreDataErrors() throws IOException {
    Path file = dir.resolve("m.npy");
    Npy.write(file, new Npy.Matrix(2, 2, new float[4]));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    assertThrows(UserException.class, () -> Npy.read(file));
    String f8 = new String(bytes, StandardCharsets.ISO_8859_1).replace("<f4", "<f8");
    Files.write(file, f8.getBytes(StandardCharsets.ISO_8859_1));
    assertThrows(UserException.class, () -> Npy.read(file));
  }
}
