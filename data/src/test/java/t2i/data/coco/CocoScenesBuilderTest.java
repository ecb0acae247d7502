package t2i.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ShardEntry;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.io.Json;
import t2i.data.scenes.Box;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.MaskPng;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;

/** {@link CocoScenesBuilder} on the {@link CocoFixture} tree, read back as scenes. */
class CocoScenesBuilderTest {
  private static final double EPS = 1e-6;

  @TempDir Path dir;

  private Path coco(CocoFixture fixture) throws IOException {
    return fixture.write(dir.resolve("coco"));
  }

  private DatasetManifest build(CocoScenesOptions options) throws IOException {
    return new CocoScenesBuilder(options).build(Progress.NONE);
  }

  /** Every record of the dataset by key. */
  private static Map<String, SceneRecord> records(Path out) {
    SceneDataset dataset = SceneDataset.open(out);
    Map<String, SceneRecord> byKey = new TreeMap<>();
    for (Split split : Split.values()) {
      dataset.forEach(split, r -> byKey.put(r.key(), r));
    }
    return byKey;
  }

  private Map<String, SceneRecord> buildFixture() throws IOException {
    Path out = dir.resolve("out");
    build(CocoScenesOptions.builder(coco(new CocoFixture()), out).build());
    return records(out);
  }

  private static SceneRecord train(Map<String, SceneRecord> records, int id) {
    return records.get(String.format("COCO_train2014_%012d", id));
  }

  private static void assertBox(Box expected, Box actual) {
    String message = expected + " vs " + actual;
    assertEquals(expected.x(), actual.x(), EPS, message);
    assertEquals(expected.y(), actual.y(), EPS, message);
    assertEquals(expected.w(), actual.w(), EPS, message);
    assertEquals(expected.h(), actual.h(), EPS, message);
  }

  /**
   * Pixels of a 64×64 mask that differ from the source mask of a {@code width × height} image
   * sampled at each output pixel's centre: {@code inSource(x, y)} tells the source pixels inside.
   */
  private static int mismatches(
      byte[] maskPng, int width, int height, BiPredicate<Integer, Integer> inSource) {
    boolean[] mask = MaskPng.decode(maskPng);
    assertEquals(64 * 64, mask.length);
    int wrong = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int sx = (int) ((x + 0.5) * width / 64);
        int sy = (int) ((y + 0.5) * height / 64);
        if (mask[y * 64 + x] != inSource.test(sx, sy)) {
          wrong++;
        }
      }
    }
    return wrong;
  }

  private static int area(byte[] maskPng) {
    int n = 0;
    for (boolean b : MaskPng.decode(maskPng)) {
      n += b ? 1 : 0;
    }
    return n;
  }

  @Test
  void splitsTrainIntoTrainvalAndValidationAndValIntoTest() throws IOException {
    Path out = dir.resolve("out");
    DatasetManifest m = build(CocoScenesOptions.builder(coco(new CocoFixture()), out).build());
    assertEquals(CocoScenesOptions.NAME, m.name());
    // train2014 keeps images 1, 2, 3 (4: crowd only, 5: no object, 6: no caption); 5% of 3 rounds
    // to 0, and validation gets at least one.
    assertEquals(Map.of("trainval", 2, "validation", 1, "test", 1), m.recordsPerSplit());
    assertEquals(64, m.imageWidth());
    assertEquals(List.of("person", "car", "toothbrush", "dog"), names(m));
    Map<String, SceneRecord> records = records(out);
    assertEquals(
        Set.of(
            "COCO_train2014_000000000001",
            "COCO_train2014_000000000002",
            "COCO_train2014_000000000003",
            "COCO_val2014_000000000007"),
        records.keySet());
    assertEquals(Split.TEST, records.get("COCO_val2014_000000000007").split());
    // Objects: 2 + 1 + 8 + 1, counted per class: person 1 + 4 + 1, car 1, toothbrush 1, dog 4.
    assertEquals(
        List.of(6, 1, 1, 4),
        m.classes().stream().map(DatasetManifest.ClassEntry::records).toList());
  }

  private static List<String> names(DatasetManifest m) {
    return m.classes().stream().map(DatasetManifest.ClassEntry::name).toList();
  }

  @Test
  void boxesAreNormalisedLeftToRightWithCrowdAndTinyObjectsDropped() throws IOException {
    Map<String, SceneRecord> records = buildFixture();
    SceneRecord first = train(records, 1);
    // 101 person (2, 2, 6, 6) and 103 car (12, 2, 2, 5) of a 20×10 image; 102 (crowd RLE) and
    // 104 (a dog of 1.5% of the image) are gone.
    assertEquals(List.of(0, 1), first.objects().stream().map(SceneRecord.Item::classId).toList());
    assertEquals(
        List.of("person", "car"),
        first.objects().stream().map(SceneRecord.Item::className).toList());
    assertEquals(
        List.of("person", "car"),
        first.objects().stream().map(SceneRecord.Item::emojiKey).toList());
    assertBox(new Box(0.1, 0.2, 0.3, 0.6), first.boxes().get(0));
    assertBox(new Box(0.6, 0.2, 0.1, 0.5), first.boxes().get(1));

    // Ten rectangles (36 - 4k, 0, 3, 10 + k) of a 40×30 image: the 8 largest, left to right.
    SceneRecord row = train(records, 3);
    assertEquals(8, row.objects().size());
    for (int i = 0; i < 8; i++) {
      int k = 9 - i;
      assertBox(new Box((36 - 4 * k) / 40.0, 0, 3 / 40.0, (10 + k) / 30.0), row.boxes().get(i));
      assertEquals(k % 2 == 0 ? "person" : "dog", row.objects().get(i).className());
      assertEquals(k % 2 == 0 ? 0 : 3, row.objects().get(i).classId());
    }
    assertBox(new Box(0.1, 0.1, 0.8, 0.8), records.get("COCO_val2014_000000000007").boxes().get(0));
  }

  @Test
  void masksArePolygonsAndRunsSquashedToTheOutputSize() throws IOException {
    Map<String, SceneRecord> records = buildFixture();
    List<SceneRecord.Item> first = train(records, 1).objects();
    // Person: the polygon square (2,2)-(8,8) covers source pixels 2..7 in x and y.
    byte[] person = first.get(0).maskPng();
    assertEquals(0, mismatches(person, 20, 10, (x, y) -> x >= 2 && x < 8 && y >= 2 && y < 8));
    assertEquals(
        64 * 64 * 36 / 200.0, area(person), 0.05 * 64 * 64 * 36 / 200.0, "36 of 200 pixels");
    // Car: uncompressed RLE, columns 12-13, rows 2-6.
    byte[] car = first.get(1).maskPng();
    assertEquals(0, mismatches(car, 20, 10, (x, y) -> (x == 12 || x == 13) && y >= 2 && y <= 6));
    // Toothbrush: compressed RLE of pixels (row, column) (7, 3), (8, 3), (9, 3) and (0, 8).
    byte[] toothbrush = train(records, 2).objects().get(0).maskPng();
    assertEquals(
        0, mismatches(toothbrush, 10, 10, (x, y) -> (x == 3 && y >= 7) || (x == 8 && y == 0)));
    assertTrue(area(toothbrush) > 4 * 36 && area(toothbrush) < 4 * 49, "4 pixels of 6.4²");
  }

  @Test
  void captionsAreCocosTextInReedsAlphabetWithFactsThatStateNothing() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture.addTrainCaption(2002, 2, "Un Caf\u00e9\tpr\u00e8s d'une brosse \ud83e\udea5!");
    fixture.addTrainCaption(2003, 2, "\u65e5\u672c\u8a9e");
    Path out = dir.resolve("out");
    build(CocoScenesOptions.builder(coco(fixture), out).build());
    Map<String, SceneRecord> records = records(out);

    SceneRecord first = train(records, 1);
    assertEquals(List.of("a person next to a car", "a person and a red car."), first.captions());
    // Caption 2003 keeps no character of the alphabet and is dropped.
    assertEquals(
        List.of("a toothbrush", "un cafe pres d'une brosse !"), train(records, 2).captions());
    assertEquals(List.of("a person"), records.get("COCO_val2014_000000000007").captions());
    CaptionFacts none =
        new CaptionFacts(
            CocoSceneConverter.FACTS_TEMPLATE,
            List.of(0, 1),
            List.of(),
            List.of(),
            List.of(),
            null);
    assertEquals(List.of(none, none), first.facts());
    assertEquals(8, train(records, 3).facts().get(0).objects().size());
    assertEquals("coco", first.style());
    assertEquals("unknown", first.background());

    CocoScenesBuilder.Sidecar sidecar =
        Json.read(out.resolve(CocoScenesBuilder.SIDECAR), CocoScenesBuilder.Sidecar.class);
    assertEquals(new CocoCategory(2, 90, "toothbrush"), sidecar.classes().get(2));
    CocoScenesBuilder.HalfReport trainReport = sidecar.halves().get(0);
    assertEquals("train2014", trainReport.half());
    assertEquals(2, trainReport.filters().crowdDropped());
    assertEquals(1, trainReport.filters().smallDropped());
    // 2002 and 2003; 1003, "  A person and a red car. \n", only loses case and the spaces the
    // reader strips.
    assertEquals(2, trainReport.captionsRewritten());
    assertEquals(3, trainReport.records());
  }

  @Test
  void imagesAreTheWholePhotoSquashedToTheOutputSize() throws IOException {
    Path out = dir.resolve("out");
    build(CocoScenesOptions.builder(coco(new CocoFixture()), out).size(128).build());
    SceneRecord first = train(records(out), 1);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(first.png()));
    assertEquals(128, image.getWidth());
    assertEquals(128, image.getHeight());
    assertEquals(128 * 128, MaskPng.decode(first.objects().get(0).maskPng()).length);
  }

  @Test
  void sameOptionsSameBytesAndTheSeedChoosesValidation() throws IOException {
    Path root = coco(new CocoFixture());
    DatasetManifest a = build(CocoScenesOptions.builder(root, dir.resolve("a")).build());
    DatasetManifest b = build(CocoScenesOptions.builder(root, dir.resolve("b")).build());
    assertEquals(digests(a), digests(b));
    assertEquals(
        Files.readString(dir.resolve("a/" + CocoScenesBuilder.SIDECAR)),
        Files.readString(dir.resolve("b/" + CocoScenesBuilder.SIDECAR)));

    List<CocoImage> images = new CocoReader(root).read(CocoSplit.TRAIN2014).images();
    Set<Set<Long>> choices = new HashSet<>();
    for (long seed = 0; seed < 10; seed++) {
      CocoScenesBuilder builder =
          new CocoScenesBuilder(CocoScenesOptions.builder(root, dir).seed(seed).build());
      Set<Long> chosen = builder.validationImages(images);
      assertEquals(1, chosen.size());
      List<CocoImage> reversed = new ArrayList<>(images);
      Collections.reverse(reversed);
      assertEquals(chosen, builder.validationImages(reversed), "order does not matter");
      choices.add(chosen);
    }
    assertTrue(choices.size() > 1, "seeds choose different images: " + choices);
    CocoScenesBuilder half =
        new CocoScenesBuilder(CocoScenesOptions.builder(root, dir).validation(0.9).build());
    assertEquals(2, half.validationImages(images).size(), "never all of trainval");
  }

  private static List<String> digests(DatasetManifest m) {
    return m.shards().stream().map(ShardEntry::sha256).toList();
  }

  @Test
  void limitKeepsTheFirstImagesOfEachHalf() throws IOException {
    Path out = dir.resolve("out");
    DatasetManifest m =
        build(CocoScenesOptions.builder(coco(new CocoFixture()), out).limit(1).build());
    assertEquals(Map.of("trainval", 1, "test", 1), m.recordsPerSplit());
    assertTrue(records(out).containsKey("COCO_train2014_000000000001"));
    CocoScenesBuilder.Sidecar sidecar =
        Json.read(out.resolve(CocoScenesBuilder.SIDECAR), CocoScenesBuilder.Sidecar.class);
    assertEquals(2, sidecar.halves().get(0).imagesBeyondLimit());
    assertEquals("1", m.options().get("limit"));
  }

  @Test
  void optionsAreValidated() {
    Path p = dir.resolve("x");
    assertThrows(
        IllegalArgumentException.class, () -> CocoScenesOptions.builder(p, p).size(96).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> CocoScenesOptions.builder(p, p).validation(0).build());
    assertThrows(
        IllegalArgumentException.class, () -> CocoScenesOptions.builder(p, p).limit(0).build());
    CocoScenesOptions defaults = CocoScenesOptions.builder(p, p).build();
    assertEquals(64, defaults.size());
    assertEquals(0.05, defaults.validation());
    assertEquals(Integer.MAX_VALUE, defaults.limit());
    assertFalse(defaults.force());
  }

  // Errors: one line, and no output folder, not even a staging one.

  private void assertFailsLeavingNothing(Path root, String... parts) throws IOException {
    Path out = dir.resolve("out");
    UserException e =
        assertThrows(
            UserException.class, () -> build(CocoScenesOptions.builder(root, out).build()));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of("coco"), left.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void missingAnnotationFileOfTheSecondHalfFailsBeforeAnyWork() throws IOException {
    Path root = coco(new CocoFixture());
    Files.delete(root.resolve("annotations/instances_val2014.json"));
    assertFailsLeavingNothing(root, "missing", "instances_val2014.json", "annotations_trainval");
  }

  @Test
  void unreadableImageIsNamed() throws IOException {
    Path root = coco(new CocoFixture());
    Path image = root.resolve("val2014/COCO_val2014_000000000007.jpg");
    Files.writeString(image, "not a jpeg");
    assertFailsLeavingNothing(root, image.toString(), "not a readable image");
  }

  @Test
  void imageOfAnotherSizeThanTheInstancesFileSaysIsNamed() throws IOException {
    Path root = coco(new CocoFixture());
    Path image = root.resolve("train2014/COCO_train2014_000000000002.png");
    ImageIO.write(new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
    assertFailsLeavingNothing(root, image.toString(), "12x10", "image 2 is 10x10");
  }

  @Test
  void malformedCaptionsJsonIsNamed() throws IOException {
    Path root = coco(new CocoFixture());
    Files.writeString(root.resolve("annotations/captions_val2014.json"), "{\"annotations\": [");
    assertFailsLeavingNothing(root, "captions_val2014.json", "malformed JSON");
  }

  @Test
  void existingOutputIsKeptUnlessForced() throws IOException {
    Path root = coco(new CocoFixture());
    Path out = dir.resolve("out");
    build(CocoScenesOptions.builder(root, out).limit(1).build());
    UserException e =
        assertThrows(
            UserException.class, () -> build(CocoScenesOptions.builder(root, out).build()));
    assertTrue(e.getMessage().contains("--force"), e.getMessage());
    assertEquals(2, SceneDataset.open(out).dataset().manifest().records());
    build(CocoScenesOptions.builder(root, out).force(true).build());
    assertEquals(4, SceneDataset.open(out).dataset().manifest().records());
  }

  @Test
  void reportsProgressPerHalf() throws IOException {
    List<String> tasks = new ArrayList<>();
    new CocoScenesBuilder(
            CocoScenesOptions.builder(coco(new CocoFixture()), dir.resolve("out")).build())
        .build(
            new Progress() {
              @Override
              public void start(String task, long total) {
                tasks.add(task + " " + total);
              }

              @Override
              public void advance(long steps) {}

              @Override
              public void finish() {}
            });
    assertEquals(
        List.of(
            "read train2014 annotations 0",
            "convert train2014 images 3",
            "read val2014 annotations 0",
            "convert val2014 images 1"),
        tasks);
  }
}
