package t2i.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.error.UserException;

class ShardedDatasetTest {
  @TempDir Path dir;

  static List<TextImageRecord> records(int n) {
    List<TextImageRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] png = new byte[10 + i];
      png[0] = (byte) i;
      int cls = i % 3;
      out.add(
          new TextImageRecord(
              "k" + i,
              png,
              4,
              4,
              List.of("caption " + i, "other " + i),
              cls,
              "class" + cls,
              "concept" + cls + "-" + i / 6,
              i % 2 == 0 ? "google" : "twitter",
              cls == 2 ? Split.TEST : Split.TRAINVAL));
    }
    return out;
  }

  static ShardedDatasetWriter.Description description() {
    return new ShardedDatasetWriter.Description(
        "test",
        "a test dataset",
        List.of(
            new ClassEntry(0, "class0", Split.TRAINVAL, 0),
            new ClassEntry(1, "class1", Split.TRAINVAL, 0),
            new ClassEntry(2, "class2", Split.TEST, 0)),
        List.of(),
        Map.of());
  }

  static Path write(Path out, List<TextImageRecord> records, int perShard) throws IOException {
    try (ShardedDatasetWriter w = ShardedDatasetWriter.create(out, false, perShard)) {
      for (TextImageRecord r : records) {
        w.write(r);
      }
      w.commit(description());
    }
    return out;
  }

  @Test
  void roundTripGivesIdenticalBytesAndCaptions() throws IOException {
    List<TextImageRecord> written = records(25);
    Path out = write(dir.resolve("ds"), written, 4);
    Dataset ds = Dataset.open(out);
    List<TextImageRecord> read = new ArrayList<>(ds.read(Split.TRAINVAL));
    read.addAll(ds.read(Split.TEST));
    assertEquals(written.size(), read.size());
    for (TextImageRecord w : written) {
      TextImageRecord r =
          read.stream().filter(x -> x.key().equals(w.key())).findFirst().orElseThrow();
      assertArrayEquals(w.png(), r.png());
      assertEquals(w.captions(), r.captions());
      assertEquals(w.classId(), r.classId());
      assertEquals(w.style(), r.style());
      assertEquals(w.split(), r.split());
      assertEquals(w.concept(), r.concept());
    }
    DatasetManifest m = ds.manifest();
    assertEquals(25, m.records());
    assertEquals(8, m.records(Split.TEST));
    assertEquals(List.of(9, 8, 8), m.classes().stream().map(ClassEntry::records).toList());
    assertEquals(13, m.recordsPerStyle().get("google"));
    assertEquals(2, m.captions().min());
    assertEquals(5 + 2, m.shards().size()); // 17 trainval in 4s, 8 test in 4s
    assertEquals("class2\n", Files.readString(out.resolve("testclasses.txt")));
    assertEquals("class0\nclass1\n", Files.readString(out.resolve("trainvalclasses.txt")));
    ds.verifyChecksums();
    // concept<cls>-<i/6>: groups 0-3 hold 2 records of each class, group 4 record 24 only
    assertEquals(13, m.concepts().size());
    assertEquals(25, m.concepts().stream().mapToInt(DatasetManifest.ConceptEntry::records).sum());
    assertEquals("concept0-0", m.concepts().get(0).key());
    assertEquals(List.of(0, 3), conceptMembers(written, "concept0-0"));
    for (DatasetManifest.ConceptEntry c : m.concepts()) {
      assertEquals(c.key().charAt("concept".length()) - '0', c.classId());
    }
    assertEquals(4, m.concepts(Split.TEST).size());
  }

  private static List<Integer> conceptMembers(List<TextImageRecord> records, String concept) {
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).concept().equals(concept)) {
        members.add(i);
      }
    }
    return members;
  }

  @Test
  void aConceptInTwoClassesIsRefused() throws IOException {
    List<TextImageRecord> rs = records(2);
    TextImageRecord a = rs.get(0);
    TextImageRecord b = rs.get(1);
    TextImageRecord sameConcept =
        new TextImageRecord(
            b.key(),
            b.png(),
            b.width(),
            b.height(),
            b.captions(),
            b.classId(),
            b.className(),
            a.concept(),
            b.style(),
            b.split());
    try (ShardedDatasetWriter w = ShardedDatasetWriter.create(dir.resolve("x"), false, 4)) {
      w.write(a);
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> w.write(sameConcept));
      assertTrue(e.getMessage().contains("a concept lies in one class"), e.getMessage());
    }
  }

  @Test
  void closingWithoutCommitLeavesNothing() throws IOException {
    Path out = dir.resolve("never");
    try (ShardedDatasetWriter w = ShardedDatasetWriter.create(out, false, 4)) {
      for (TextImageRecord r : records(9)) {
        w.write(r);
      }
    }
    assertFalse(Files.exists(out));
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(0, left.count(), "staging folder left behind");
    }
  }

  @Test
  void existingTargetIsRefusedBeforeAnyWorkUnlessReplacing() throws IOException {
    Path out = write(dir.resolve("ds"), records(6), 4);
    UserException e =
        assertThrows(UserException.class, () -> ShardedDatasetWriter.create(out, false, 4));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    try (ShardedDatasetWriter w = ShardedDatasetWriter.create(out, true, 4)) {
      for (TextImageRecord r : records(3)) {
        w.write(r);
      }
      w.commit(description());
    }
    assertEquals(3, Dataset.open(out).manifest().records());
  }

  @Test
  void missingFolderAndMissingManifestNameTheCommandToRun() throws IOException {
    UserException missing =
        assertThrows(UserException.class, () -> Dataset.open(dir.resolve("nope")));
    assertTrue(missing.getMessage().contains("t2i data emoji"), missing.getMessage());
    Files.createDirectories(dir.resolve("empty"));
    UserException empty =
        assertThrows(UserException.class, () -> Dataset.open(dir.resolve("empty")));
    assertTrue(empty.getMessage().contains("manifest.json"), empty.getMessage());
  }

  @Test
  void truncatedShardIsCaughtWhenOpening() throws IOException {
    Path out = write(dir.resolve("ds"), records(10), 4);
    Path shard = out.resolve("trainval-00000.tfrecord");
    byte[] bytes = Files.readAllBytes(shard);
    Files.write(shard, Arrays.copyOf(bytes, bytes.length / 2));
    UserException e = assertThrows(UserException.class, () -> Dataset.open(out));
    assertTrue(e.getMessage().contains("trainval-00000.tfrecord"), e.getMessage());
    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void modifiedShardFailsChecksumVerification() throws IOException {
    Path out = write(dir.resolve("ds"), records(10), 4);
    Path shard = out.resolve("test-00000.tfrecord");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length - 6] ^= 1;
    Files.write(shard, bytes);
    Dataset ds = Dataset.open(out);
    assertThrows(UserException.class, ds::verifyChecksums);
    assertThrows(UserException.class, () -> ds.read(Split.TEST));
  }

  @Test
  void unreadableManifestIsADataError() throws IOException {
    Path out = write(dir.resolve("ds"), records(4), 4);
    Files.writeString(out.resolve("manifest.json"), "{ not json");
    UserException e = assertThrows(UserException.class, () -> Dataset.open(out));
    assertTrue(e.getMessage().contains("manifest.json"), e.getMessage());
  }
}
