package t2i.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import t2i.error.UserException;

/**
 * 2-D float32 arrays in NumPy's {@code .npy} format (version 1.0, little-endian, C order), which
 * {@code numpy.load} reads directly.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

  /** A row-major matrix. */
  public record Matrix(int rows, int columns, float[] values) {
    public Matrix {
      checkArgument(
          (long) rows * columns == values.length,
          "%s x %s != %s values",
          rows,
          columns,
          values.length);
    }
  }

  private Npy() {}

  public static void write(Path file, Matrix m) throws IOException {
    String dict =
        "{'descr': '<f4', 'fortran_order': False, 'shape': ("
            + m.rows()
            + ", "
            + m.columns()
            + "), }";
    int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(MAGIC);
      out.write(new byte[] {1, 0});
      out.write(header.length() & 0xff);
      out.write(header.length() >> 8);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      ByteBuffer buffer = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < m.values().length; i++) {
        buffer.putFloat(m.values()[i]);
        if (!buffer.hasRemaining()) {
          out.write(buffer.array(), 0, buffer.position());
          buffer.clear();
        }
      }
      out.write(buffer.array(), 0, buffer.position());
    }
  }

  public static Matrix read(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
      byte[] magic = new byte[6];
      in.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new UserException(file + " is not a .npy file");
      }
      int major = in.readUnsignedByte();
      in.readUnsignedByte();
      int headerLength =
          major == 1
              ? in.readUnsignedByte() | (in.readUnsignedByte() << 8)
              : Integer.reverseBytes(in.readInt());
      byte[] header = new byte[headerLength];
      in.readFully(header);
      String dict = new String(header, StandardCharsets.US_ASCII);
      if (!dict.contains("'descr': '<f4'") || dict.contains("'fortran_order': True")) {
        throw new UserException(
            file + " must hold little-endian float32 in C order: " + dict.strip());
      }
      Matcher shape = SHAPE.matcher(dict);
      if (!shape.find()) {
        throw new UserException(file + " must hold a 2-D array: " + dict.strip());
      }
      int rows = Integer.parseInt(shape.group(1));
      int columns = Integer.parseInt(shape.group(2));
      byte[] bytes = new byte[Math.multiplyExact(4, Math.multiplyExact(rows, columns))];
      in.readFully(bytes);
      float[] values = new float[rows * columns];
      ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      return new Matrix(rows, columns, values);
    } catch (EOFException e) {
      throw new UserException(file + " is truncated", e);
    } catch (IOException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
