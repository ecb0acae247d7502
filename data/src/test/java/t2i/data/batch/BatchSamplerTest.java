package t2i.data.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.BatchOptions.Sampling;
import t2i.data.image.Images;
import t2i.error.UserException;

class BatchSamplerTest {
  /**
   * Records whose pixel (x, y) has red = x, green = y and blue = record index, so crops, flips and
   * the record behind every image can be read back from the batch.
   */
  static DecodedSplit data(int records, int classes, int side) {
    List<TextImageRecord> list = new ArrayList<>();
    for (int r = 0; r < records; r++) {
      BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          img.setRGB(x, y, (x << 16) | (y << 8) | r);
        }
      }
      int cls = r % classes;
      list.add(
          new TextImageRecord(
              "r" + r,
              Images.encodePng(img),
              side,
              side,
              List.of(
                  "class " + cls + " record " + r + " a", "class " + cls + " record " + r + " b"),
              cls,
              "c" + cls,
              "c" + cls + "/" + r,
              "s",
              Split.TRAINVAL));
    }
    return DecodedSplit.of(list);
  }

  static final DecodedSplit DATA = data(40, 5, 12);

  static BatchOptions options(int batch) {
    return new BatchOptions(batch, 42, Sampling.SHUFFLED_EPOCHS, 8, true, true, 2, 0);
  }

  static int value(float v) {
    return Math.round((v + 1f) * 127.5f);
  }

  @Test
  void wrongCaptionsAlwaysComeFromAnotherClass() {
    BatchSampler sampler = new BatchSampler(DATA, options(16));
    for (long i = 0; i < 200; i++) {
      Batch b = sampler.batch(i);
      for (int j = 0; j < b.size(); j++) {
        int wrongClass = DATA.classId(b.wrongRecords()[j]);
        assertNotEquals(b.classIds()[j], wrongClass, "batch " + i + " example " + j);
        assertEquals(
            DATA.captions(b.wrongRecords()[j]).get(b.wrongCaptionIndices()[j]),
            b.wrongCaptions()[j]);
        assertTrue(b.wrongCaptions()[j].startsWith("class " + wrongClass + " "));
        assertTrue(
            b.captions()[j].startsWith(
                "class " + b.classIds()[j] + " record " + b.records()[j] + " "));
      }
    }
  }

  @Test
  void sameSeedSameBatchesAndAnyBatchCanBeMadeDirectly() {
    BatchSampler a = new BatchSampler(DATA, options(16));
    BatchSampler b = new BatchSampler(DATA, options(16));
    List<Batch> stream = new ArrayList<>();
    for (long i = 0; i < 10; i++) {
      stream.add(a.batch(i));
    }
    // b jumps straight to batch 7 (as a resumed run does), then goes back to 2.
    for (long i : new long[] {7, 2, 9}) {
      Batch x = stream.get((int) i);
      Batch y = b.batch(i);
      assertArrayEquals(x.images(), y.images());
      assertArrayEquals(x.records(), y.records());
      assertArrayEquals(x.captions(), y.captions());
      assertArrayEquals(x.wrongCaptions(), y.wrongCaptions());
    }
    assertNotEquals(
        Arrays.toString(stream.get(0).records()),
        Arrays.toString(new BatchSampler(DATA, options(16).withSeed(43)).batch(0).records()));
  }

  @Test
  void shuffledEpochsVisitEveryRecordOncePerEpoch() {
    BatchSampler sampler = new BatchSampler(DATA, options(8));
    List<Integer> seen = new ArrayList<>();
    for (long i = 0; i < 10; i++) { // 80 examples = 2 epochs of 40
      for (int r : sampler.batch(i).records()) {
        seen.add(r);
      }
    }
    assertEquals(40, new HashSet<>(seen.subList(0, 40)).size());
    assertEquals(40, new HashSet<>(seen.subList(40, 80)).size());
    assertNotEquals(seen.subList(0, 40), seen.subList(40, 80));
  }

  @Test
  void distinctClassSamplingNeverRepeatsAClassInABatch() {
    BatchOptions o = options(5).withSampling(Sampling.DISTINCT_CLASSES);
    BatchSampler sampler = new BatchSampler(DATA, o);
    for (long i = 0; i < 100; i++) {
      Set<Integer> classes = new HashSet<>();
      for (int c : sampler.batch(i).classIds()) {
        classes.add(c);
      }
      assertEquals(5, classes.size());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> new BatchSampler(DATA, options(6).withSampling(Sampling.DISTINCT_CLASSES)));
  }

  @Test
  void imagesAreTheRecordsCropsInMinusOneToOneFlippedOrNot() {
    BatchSampler sampler = new BatchSampler(DATA, options(16));
    int flipped = 0;
    int total = 0;
    Set<Integer> offsets = new HashSet<>();
    for (long i = 0; i < 20; i++) {
      Batch b = sampler.batch(i);
      assertEquals(8, b.height());
      for (int j = 0; j < b.size(); j++) {
        int o = j * b.imageLength();
        for (int k = 0; k < b.imageLength(); k++) {
          assertTrue(b.images()[o + k] >= -1f && b.images()[o + k] <= 1f);
        }
        int x0 = value(b.images()[o]);
        int x7 = value(b.images()[o + 7 * 3]);
        int y0 = value(b.images()[o + 1]);
        assertEquals(b.records()[j], value(b.images()[o + 2]), "blue channel is the record");
        assertEquals(7, Math.abs(x7 - x0), "a crop row spans 8 consecutive columns");
        if (x7 < x0) {
          flipped++;
        }
        offsets.add(Math.min(x0, x7) * 100 + y0);
        total++;
      }
    }
    assertTrue(flipped > total / 4 && flipped < 3 * total / 4, flipped + " of " + total);
    assertTrue(offsets.size() > 10, "random crops should vary: " + offsets);
  }

  @Test
  void withoutAugmentationTheCropIsCentredAndUnflipped() {
    Batch b = new BatchSampler(DATA, options(4).withAugmentation(false, false)).batch(0);
    for (int j = 0; j < 4; j++) {
      int o = j * b.imageLength();
      assertEquals(2, value(b.images()[o]));
      assertEquals(2, value(b.images()[o + 1]));
    }
  }

  @Test
  void theCropSizeIsTheOptionsAndDefaultsTo64() {
    assertEquals(64, BatchOptions.defaults().cropSize());
    Batch b = new BatchSampler(DATA, options(4).withCropSize(5)).batch(0);
    assertEquals(5, b.height());
    assertEquals(5, b.width());
    assertEquals(3, b.channels());
    assertEquals(4 * 5 * 5 * 3, b.images().length);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new BatchSampler(DATA, options(4).withCropSize(13)));
    assertEquals("crop size 13 is larger than the images (12x12)", e.getMessage());
  }

  @Test
  void centreCropsAreTheUnaugmentedBatchesImages() {
    Batch b = new BatchSampler(DATA, options(4).withAugmentation(false, false)).batch(0);
    float[] crops = DATA.centreCrops(0, DATA.size(), 8);
    assertEquals(DATA.size() * b.imageLength(), crops.length);
    for (int j = 0; j < b.size(); j++) {
      int length = b.imageLength();
      assertArrayEquals(
          Arrays.copyOfRange(b.images(), j * length, (j + 1) * length),
          Arrays.copyOfRange(crops, b.records()[j] * length, (b.records()[j] + 1) * length),
          "record " + b.records()[j]);
    }
    float[] whole = DATA.centreCrops(3, 1, 12);
    assertEquals(0, value(whole[0]), "the whole image starts at x = 0");
    assertEquals(3, value(whole[2]), "blue channel is the record");
    assertThrows(IllegalArgumentException.class, () -> DATA.centreCrops(0, 1, 13));
  }

  @Test
  void pipelineYieldsTheSamplersBatchesInOrderFromAnyStart() {
    BatchSampler sampler = new BatchSampler(DATA, options(16));
    try (BatchPipeline p = new BatchPipeline(DATA, options(16).withFirstBatch(5))) {
      for (long i = 5; i < 12; i++) {
        Batch b = p.next();
        assertEquals(i, b.index());
        assertArrayEquals(sampler.batch(i).images(), b.images());
      }
    }
  }

  @Test
  void recordOfTheWrongSizeIsADataErrorNamingIt() {
    List<TextImageRecord> records = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      int side = r == 2 ? 10 : 12;
      records.add(
          new TextImageRecord(
              "r" + r,
              Images.encodePng(new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB)),
              12,
              12,
              List.of("c"),
              r,
              "c" + r,
              "c" + r,
              "s",
              Split.TRAINVAL));
    }
    UserException e = assertThrows(UserException.class, () -> DecodedSplit.of(records));
    assertTrue(e.getMessage().contains("r2"), e.getMessage());
  }

  @Test
  void oneClassCannotMakeMismatchingCaptions() {
    assertThrows(
        IllegalArgumentException.class, () -> new BatchSampler(data(4, 1, 12), options(2)));
  }
}
