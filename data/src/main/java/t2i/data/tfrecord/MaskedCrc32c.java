package t2i.data.tfrecord;

import java.util.zip.CRC32C;

/** TensorFlow's masked CRC-32C (tensorflow/core/lib/hash/crc32c.h). */
final class MaskedCrc32c {
  private static final int MASK_DELTA = 0xa282ead8;

  private MaskedCrc32c() {}

  static int of(byte[] data, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(data, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }
}
