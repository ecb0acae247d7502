package t2i.data.tfrecord;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.error.UserException;

class TfRecordTest {
  @TempDir Path dir;

  @Test
  void maskedCrcMatchesTensorFlowsDefinition() {
    // CRC-32C("123456789") = 0xE3069283 (RFC 3720 check value); TF masks it as
    // ((crc >>> 15) | (crc << 17)) + 0xa282ead8.
    byte[] data = "123456789".getBytes(StandardCharsets.US_ASCII);
    int crc = 0xE3069283;
    int masked = ((crc >>> 15) | (crc << 17)) + 0xa282ead8;
    assertEquals(masked, MaskedCrc32c.of(data, 0, data.length));
  }

  @Test
  void fileLayoutIsLengthCrcDataCrc() throws IOException {
    Path file = dir.resolve("one.tfrecord");
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      w.write(new byte[] {1, 2, 3});
    }
    byte[] bytes = Files.readAllBytes(file);
    assertEquals(8 + 4 + 3 + 4, bytes.length);
    assertArrayEquals(new byte[] {3, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOf(bytes, 8));
    assertArrayEquals(new byte[] {1, 2, 3}, Arrays.copyOfRange(bytes, 12, 15));
  }

  @Test
  void writeThenReadGivesTheSameRecords() throws IOException {
    Path file = dir.resolve("r.tfrecord");
    List<byte[]> records = List.of(new byte[0], "hello".getBytes(), new byte[100_000]);
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      for (byte[] r : records) {
        w.write(r);
      }
    }
    try (TfRecordReader r = new TfRecordReader(file)) {
      for (byte[] expected : records) {
        assertArrayEquals(expected, r.next());
      }
      assertNull(r.next());
    }
  }

  @Test
  void truncatedFileIsReportedWithItsName() throws IOException {
    Path file = dir.resolve("t.tfrecord");
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      w.write(new byte[50]);
      w.write(new byte[50]);
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));
    try (TfRecordReader r = new TfRecordReader(file)) {
      r.next();
      UserException e = assertThrows(UserException.class, r::next);
      assertTrue(e.getMessage().contains("t.tfrecord"), e.getMessage());
      assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }
  }

  @Test
  void flippedByteIsAChecksumMismatch() throws IOException {
    Path file = dir.resolve("c.tfrecord");
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      w.write("some record".getBytes());
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[14] ^= 1;
    Files.write(file, bytes);
    try (TfRecordReader r = new TfRecordReader(file)) {
      UserException e = assertThrows(UserException.class, r::next);
      assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    }
  }

  @Test
  void corruptLengthFieldIsCaughtByItsChecksum() throws IOException {
    Path file = dir.resolve("l.tfrecord");
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      w.write(new byte[10]);
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[6] = 0x7f; // an absurd length, its checksum unchanged
    Files.write(file, bytes);
    try (TfRecordReader r = new TfRecordReader(file)) {
      UserException e = assertThrows(UserException.class, r::next);
      assertTrue(e.getMessage().contains("length checksum"), e.getMessage());
    }
  }

  @Test
  void featureWithoutItsValueIsADataError() {
    byte[] empty =
        Example.newBuilder()
            .setFeatures(
                Features.newBuilder()
                    .putFeature(
                        ExampleCodec.KEY,
                        Feature.newBuilder().setBytesList(BytesList.newBuilder()).build()))
            .build()
            .toByteArray();
    assertThrows(UserException.class, () -> ExampleCodec.decode(empty));
  }

  @Test
  void exampleCodecRoundTripsEveryField() {
    TextImageRecord r =
        new TextImageRecord(
            "1F44B-1F3FE",
            new byte[] {(byte) 0x89, 'P', 'N', 'G'},
            64,
            64,
            List.of("waving hand: medium-dark skin tone", "hand, wave, ünïcödé"),
            7,
            "hand-fingers-open",
            "1F44B",
            "twitter",
            Split.TEST);
    TextImageRecord back = ExampleCodec.decode(ExampleCodec.encode(r));
    assertEquals(r.key(), back.key());
    assertArrayEquals(r.png(), back.png());
    assertEquals(r.captions(), back.captions());
    assertEquals(r.classId(), back.classId());
    assertEquals(r.className(), back.className());
    assertEquals(r.style(), back.style());
    assertEquals(r.split(), back.split());
    assertEquals(64, back.width());
  }

  @Test
  void captionLanguagesRoundTripAndEnglishOnlyRecordsCarryNoTags() throws Exception {
    TextImageRecord tagged =
        new TextImageRecord(
            "2764-FE0F",
            new byte[] {1},
            64,
            64,
            List.of("red heart", "红心", "قلب أحمر"),
            0,
            "heart",
            "2764",
            "google",
            Split.TRAINVAL,
            List.of("en", "zh", "ar"));
    TextImageRecord back = ExampleCodec.decode(ExampleCodec.encode(tagged));
    assertEquals(tagged.captions(), back.captions());
    assertEquals(List.of("en", "zh", "ar"), back.captionLanguages());
    assertEquals(List.of("红心"), back.captionsIn("zh"));
    TextImageRecord english =
        new TextImageRecord(
            "2764-FE0F",
            new byte[] {1},
            64,
            64,
            List.of("red heart"),
            0,
            "heart",
            "2764",
            "google",
            Split.TRAINVAL);
    byte[] bytes = ExampleCodec.encode(english);
    assertFalse(
        org.tensorflow.proto.Example.parseFrom(bytes)
            .getFeatures()
            .getFeatureMap()
            .containsKey(ExampleCodec.CAPTION_LANGUAGES),
        "English-only records are written as before languages existed");
    assertEquals(List.of("en"), ExampleCodec.decode(bytes).captionLanguages());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new TextImageRecord(
                "k",
                new byte[] {1},
                1,
                1,
                List.of("a", "b"),
                0,
                "c",
                "c",
                "s",
                Split.TEST,
                List.of("en")));
  }

  @Test
  void nonExampleBytesAreADataError() {
    assertThrows(UserException.class, () -> ExampleCodec.decode(new byte[] {(byte) 0xff, 1}));
  }
}
