package t2i.data.scenes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ShardEntry;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiFixture;
import t2i.data.emoji.EmojiSources;
import t2i.data.io.Json;
import t2i.data.scenes.CaptionFacts.RelationFact;
import t2i.error.UserException;

class ScenesDatasetBuilderTest {
  @TempDir Path dir;
  EmojiSources sources;

  @BeforeEach
  void packFixture() throws IOException {
    sources = EmojiFixture.writeTarballs(dir.resolve("tarballs"));
  }

  ScenesDatasetOptions.Builder options(String name) {
    return ScenesDatasetOptions.builder(dir.resolve(name), dir.resolve("cache"))
        .sources(sources)
        .from(dir.resolve("tarballs"))
        .scenes(60);
  }

  DatasetManifest build(ScenesDatasetOptions options) throws IOException {
    return new ScenesDatasetBuilder(options).build(Progress.NONE);
  }

  @Test
  void sameSeedSameBytesOtherSeedOtherScenes() throws IOException {
    DatasetManifest a = build(options("a").build());
    DatasetManifest b = build(options("b").build());
    DatasetManifest c = build(options("c").seed(1).build());
    assertEquals(shardDigests(a), shardDigests(b));
    assertArrayEquals(
        Files.readAllBytes(dir.resolve("a/" + ScenesDatasetBuilder.SIDECAR)),
        Files.readAllBytes(dir.resolve("b/" + ScenesDatasetBuilder.SIDECAR)));
    assertNotEquals(shardDigests(a), shardDigests(c));
    assertEquals(Map.of("trainval", 60, "validation", 3, "test", 6), a.recordsPerSplit());
  }

  private static List<String> shardDigests(DatasetManifest m) {
    return m.shards().stream().map(ShardEntry::sha256).toList();
  }

  @Test
  void recordsRoundTripWithMasksInTheirBoxesAndTrueFacts() throws IOException {
    build(options("ds").size(128).build());
    SceneDataset ds = SceneDataset.open(dir.resolve("ds"));
    assertEquals(128, ds.dataset().manifest().imageWidth());
    int scenes = 0;
    for (Split split : Split.values()) {
      for (SceneRecord r : ds.read(split)) {
        scenes++;
        assertEquals(split, r.split());
        assertEquals(5, r.captions().size());
        assertTrue(r.objects().size() >= 1 && r.objects().size() <= 4);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.png()));
        assertEquals(128, image.getWidth());
        assertFalse(image.getColorModel().hasAlpha());
        SceneRecord again = SceneExampleCodec.decode(SceneExampleCodec.encode(r));
        assertEquals(r.captions(), again.captions());
        assertEquals(r.facts(), again.facts());
        assertEquals(r.boxes(), again.boxes());
        for (int i = 0; i < r.objects().size(); i++) {
          SceneRecord.Item o = r.objects().get(i);
          assertEquals(SceneClass.DEFAULT.get(o.classId()).name(), o.className());
          if (i > 0) {
            assertTrue(r.objects().get(i - 1).box().x() <= o.box().x(), "left to right");
          }
          boolean[] mask = MaskPng.decode(o.maskPng());
          assertEquals(128 * 128, mask.length);
          int visible = 0;
          for (int p = 0; p < mask.length; p++) {
            if (mask[p]) {
              visible++;
              double x = (p % 128 + 0.5) / 128;
              double y = (p / 128 + 0.5) / 128;
              assertTrue(
                  x > o.box().x()
                      && x < o.box().x() + o.box().w()
                      && y > o.box().y()
                      && y < o.box().y() + o.box().h(),
                  r.key() + " mask outside its box");
            }
          }
          assertTrue(visible > 0, r.key() + " has an empty mask");
        }
        for (int k = 0; k < r.captions().size(); k++) {
          assertTrue(SceneCaptioner.fitsAlphabet(r.captions().get(k)), r.captions().get(k));
          for (RelationFact f : r.facts().get(k).relations()) {
            assertTrue(
                Relation.parse(f.relation())
                    .holds(r.boxes().get(f.subject()), r.boxes().get(f.object())),
                r.key() + ": " + r.captions().get(k) + " states " + f);
          }
          String bg = r.facts().get(k).background();
          assertTrue(bg == null || bg.equals(r.background()));
        }
      }
    }
    assertEquals(69, scenes);
  }

  @Test
  void testHoldsOutEmojiAndCombinationsTheOtherSplitsNeverShow() throws IOException {
    build(options("ds").build());
    SceneDataset ds = SceneDataset.open(dir.resolve("ds"));
    ScenesDatasetBuilder.Sidecar sidecar =
        Json.read(
            dir.resolve("ds/" + ScenesDatasetBuilder.SIDECAR), ScenesDatasetBuilder.Sidecar.class);
    Set<String> heldEmoji = new HashSet<>();
    sidecar.classes().stream()
        .flatMap(c -> c.emoji().stream())
        .filter(ScenesDatasetBuilder.EmojiInfo::heldOut)
        .forEach(e -> heldEmoji.add(e.key()));
    // The fixture's one class of two emoji (reptile) gives one up.
    assertEquals(1, heldEmoji.size());
    assertEquals(80, sidecar.heldOutCombinations().size());
    HeldOut heldOut = new HeldOut(heldEmoji, new HashSet<>(sidecar.heldOutCombinations()));
    for (Split split : Split.values()) {
      for (SceneRecord r : ds.read(split)) {
        boolean touches =
            r.objects().stream().anyMatch(o -> heldEmoji.contains(o.emojiKey()))
                || !combinations(r, heldOut).isEmpty();
        assertEquals(split == Split.TEST, touches, r.key());
      }
    }
  }

  private static Set<String> combinations(SceneRecord r, HeldOut heldOut) {
    Set<String> found = new HashSet<>();
    for (SceneRecord.Item a : r.objects()) {
      for (SceneRecord.Item b : r.objects()) {
        for (Relation rel : Relation.values()) {
          String k = HeldOut.key(a.className(), rel, b.className());
          if (a != b && rel.holds(a.box(), b.box()) && heldOut.combinations().contains(k)) {
            found.add(k);
          }
        }
      }
    }
    return found;
  }

  @Test
  void heldOutSharesFollowTheOptions() throws IOException {
    List<SceneEmoji> emoji = SceneFixture.emoji();
    HeldOut h = HeldOut.choose(SceneClass.DEFAULT, emoji, 0.15, 0.10, 3);
    assertEquals(80, h.combinations().size()); // 10% of 20 x 2 relations x 20
    assertTrue(
        h.combinations().stream().allMatch(k -> k.contains("|left of|") || k.contains("|above|")));
    assertEquals(h, HeldOut.choose(SceneClass.DEFAULT, emoji, 0.15, 0.10, 3));
  }

  @Test
  void everyTrainerReadsAScenesImageAndCaptionsAsOneRecordOfItsLargestObject() throws IOException {
    build(options("ds").build());
    SceneDataset scenes = SceneDataset.open(dir.resolve("ds"));
    List<SceneRecord> typed = scenes.read(Split.TRAINVAL);
    List<TextImageRecord> plain = Dataset.open(dir.resolve("ds")).read(Split.TRAINVAL);
    assertEquals(typed.size(), plain.size());
    Set<String> concepts = scenes.dataset().manifest().conceptIds().keySet();
    for (int i = 0; i < typed.size(); i++) {
      SceneRecord s = typed.get(i);
      TextImageRecord r = plain.get(i);
      SceneRecord.Item largest = s.objects().get(0);
      for (SceneRecord.Item o : s.objects()) {
        if (o.box().area() > largest.box().area()) {
          largest = o;
        }
      }
      assertEquals(s.key(), r.key());
      assertArrayEquals(s.png(), r.png());
      assertEquals(s.captions(), r.captions());
      assertEquals(largest.classId(), r.classId());
      assertEquals(largest.emojiKey(), r.concept());
      assertTrue(concepts.contains(r.concept()), "a concept of the manifest: " + r.concept());
      assertEquals(s.style(), r.style());
    }
  }

  @Test
  void refusesToOverwriteWithoutForce() throws IOException {
    build(options("ds").scenes(5).build());
    assertThrows(UserException.class, () -> build(options("ds").scenes(5).build()));
    build(options("ds").scenes(5).force(true).build());
  }

  @Test
  void refusesAnotherKindOfDatasetAsScenes() throws IOException {
    Path emoji = EmojiFixture.buildDataset(dir.resolve("e"));
    UserException e = assertThrows(UserException.class, () -> SceneDataset.open(emoji));
    assertTrue(e.getMessage().contains("t2i data scenes"), e.getMessage());
  }
}
