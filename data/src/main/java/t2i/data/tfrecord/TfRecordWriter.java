package t2i.data.tfrecord;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Appends records to a TFRecord file (uncompressed). */
public final class TfRecordWriter implements AutoCloseable {
  private final OutputStream out;
  private final byte[] header = new byte[8];
  private final ByteBuffer headerBuffer = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
  private final ByteBuffer crcBuffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
  private long records;

  public TfRecordWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  public void write(byte[] data) throws IOException {
    headerBuffer.clear();
    headerBuffer.putLong(data.length);
    out.write(header);
    writeInt(MaskedCrc32c.of(header, 0, 8));
    out.write(data);
    writeInt(MaskedCrc32c.of(data, 0, data.length));
    records++;
  }

  public long records() {
    return records;
  }

  private void writeInt(int value) throws IOException {
    crcBuffer.clear();
    crcBuffer.putInt(value);
    out.write(crcBuffer.array());
  }

  /** Pushes buffered records to the file (readers such as TensorBoard see them). */
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
