package t2i.data.tfrecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import t2i.error.UserException;

/**
 * Reads a TFRecord file record by record, checking both checksums of every record. A truncated file
 * or a checksum mismatch raises a {@link UserException} that names the file and the record.
 */
public final class TfRecordReader implements AutoCloseable {
  /** Larger records than this are taken as corruption of the length field. */
  private static final long MAX_RECORD_BYTES = 1L << 30;

  private final Path file;
  private final InputStream in;
  private final byte[] header = new byte[8];
  private final byte[] crc = new byte[4];
  private long index;
  private long offset;

  public TfRecordReader(Path file) throws IOException {
    this.file = file;
    this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
  }

  /** The next record's bytes, or {@code null} at the end of the file. */
  public byte[] next() throws IOException {
    int first = in.readNBytes(header, 0, 8);
    if (first == 0) {
      return null;
    }
    if (first < 8) {
      throw corrupt("file ends inside the length field");
    }
    readFully(crc, "file ends inside the length checksum");
    if (MaskedCrc32c.of(header, 0, 8) != littleEndianInt(crc)) {
      throw corrupt("length checksum mismatch");
    }
    long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (length < 0 || length > MAX_RECORD_BYTES) {
      throw corrupt("implausible record length " + length);
    }
    byte[] data = new byte[(int) length];
    readFully(data, "file ends inside a record (truncated shard?)");
    readFully(crc, "file ends inside a record checksum (truncated shard?)");
    if (MaskedCrc32c.of(data, 0, data.length) != littleEndianInt(crc)) {
      throw corrupt("data checksum mismatch");
    }
    index++;
    offset += 16 + length;
    return data;
  }

  private void readFully(byte[] buffer, String whatIfShort) throws IOException {
    if (in.readNBytes(buffer, 0, buffer.length) < buffer.length) {
      throw corrupt(whatIfShort);
    }
  }

  private static int littleEndianInt(byte[] b) {
    return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private UserException corrupt(String what) {
    return new UserException(
        String.format(
            "%s is corrupt: %s at record %d (byte %d); rebuild the dataset",
            file, what, index, offset));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
