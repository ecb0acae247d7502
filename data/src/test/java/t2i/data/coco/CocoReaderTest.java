package t2i.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Split;
import t2i.error.UserException;

/** The reader on the {@link CocoFixture} tree. */
class CocoReaderTest {
  @TempDir Path dir;

  private CocoSplitData readTrain(CocoFixture fixture) throws IOException {
    return new CocoReader(fixture.write(dir.resolve("coco"))).read(CocoSplit.TRAIN2014);
  }

  private static CocoImage image(CocoSplitData data, long id) {
    return data.images().stream().filter(i -> i.id() == id).findFirst().orElseThrow();
  }

  @Test
  void mapsCategoryIdsToIndicesInListOrder() throws IOException {
    CocoSplitData train = readTrain(new CocoFixture());
    assertEquals(
        List.of(
            new CocoCategory(0, 1, "person"),
            new CocoCategory(1, 3, "car"),
            new CocoCategory(2, 90, "toothbrush"),
            new CocoCategory(3, 18, "dog")),
        train.categories());
    CocoImage first = image(train, 1);
    assertEquals(0, first.objects().get(0).categoryIndex());
    assertEquals("person", first.objects().get(0).categoryName());
    assertEquals(1, first.objects().get(1).categoryIndex());
    assertEquals(2, image(train, 2).objects().get(0).categoryIndex());
    assertEquals(3, image(train, 3).objects().get(0).categoryIndex()); // k = 9: a dog
  }

  @Test
  void countsWhatTheFiltersDrop() throws IOException {
    CocoSplitData train = readTrain(new CocoFixture());
    assertEquals(Split.TRAINVAL, train.split());
    assertEquals(
        new CocoReadStats(
            /* imagesListed */ 6,
            /* imagesWithoutObjects: 4 (crowd only), 5 (none) */ 2,
            /* imagesWithoutCaptions: 6 */ 1,
            /* imagesKept */ 3,
            /* annotations */ 17,
            /* crowdDropped: 102, 401 */ 2,
            /* smallDropped: 104 */ 1,
            /* overLimitDropped: 300, 301 */ 2,
            /* objectsKept: 2 + 1 + 8 */ 11,
            /* captionsKept */ 5),
        train.stats());
    assertEquals(List.of(1L, 2L, 3L), train.images().stream().map(CocoImage::id).toList());
  }

  @Test
  void keepsTheEightLargestOrderedLeftToRight() throws IOException {
    CocoImage row = image(readTrain(new CocoFixture()), 3);
    assertEquals(
        List.of(309L, 308L, 307L, 306L, 305L, 304L, 303L, 302L), CocoFixture.ids(row.objects()));
  }

  @Test
  void ordersByTheLeftEdgeNotByFileOrder() throws IOException {
    // 103 (x = 12) is listed before 101 (x = 2).
    assertEquals(
        List.of(101L, 103L), CocoFixture.ids(image(readTrain(new CocoFixture()), 1).objects()));
  }

  @Test
  void boxesAreInPixelsWithANormalisedView() throws IOException {
    CocoObject leftmost = image(readTrain(new CocoFixture()), 3).objects().get(0);
    assertEquals(new CocoBox(0, 0, 3, 19), leftmost.box());
    assertEquals(new CocoBox(0, 0, 3 / 40.0, 19 / 30.0), leftmost.box().normalised(40, 30));
  }

  @Test
  void polygonMaskCoversThePixelCentresInside() throws IOException {
    CocoObject person = image(readTrain(new CocoFixture()), 1).objects().get(0);
    CocoMask mask = person.mask();
    assertEquals(10, mask.height());
    assertEquals(20, mask.width());
    assertEquals(36, mask.area());
    assertTrue(mask.get(2, 2));
    assertTrue(mask.get(7, 7));
    assertFalse(mask.get(8, 8));
    assertFalse(mask.get(2, 1));
    assertFalse(mask.get(1, 2));
  }

  @Test
  void uncompressedRleMaskRunsDownColumns() throws IOException {
    CocoObject car = image(readTrain(new CocoFixture()), 1).objects().get(1);
    CocoMask mask = car.mask();
    assertEquals(10, mask.area());
    for (int y = 2; y <= 6; y++) {
      assertTrue(mask.get(y, 12));
      assertTrue(mask.get(y, 13));
    }
    assertFalse(mask.get(7, 12));
    assertFalse(mask.get(1, 13));
    assertFalse(mask.get(2, 14));
  }

  @Test
  void compressedRleMaskDecodesTheHandEncodedString() throws IOException {
    CocoMask mask = image(readTrain(new CocoFixture()), 2).objects().get(0).mask();
    assertEquals(4, mask.area());
    assertTrue(mask.get(7, 3));
    assertTrue(mask.get(8, 3));
    assertTrue(mask.get(9, 3));
    assertTrue(mask.get(0, 8));
  }

  @Test
  void masksResizeToAGivenSize() throws IOException {
    CocoObject person = image(readTrain(new CocoFixture()), 1).objects().get(0);
    CocoMask half = person.mask(5, 10);
    assertEquals(9, half.area());
    assertTrue(half.get(1, 1));
    assertTrue(half.get(3, 3));
    assertFalse(half.get(4, 4));
  }

  @Test
  void groupsCaptionsByImageInIdOrder() throws IOException {
    CocoSplitData train = readTrain(new CocoFixture());
    assertEquals(
        List.of("a person next to a car", "A person and a red car."), image(train, 1).captions());
    assertEquals(List.of("eight of them", "people and dogs in a row"), image(train, 3).captions());
  }

  @Test
  void imagePathsPointIntoTheHalfsFolder() throws IOException {
    CocoImage png = image(readTrain(new CocoFixture()), 2);
    assertEquals(dir.resolve("coco/train2014/COCO_train2014_000000000002.png"), png.path());
    assertEquals(10, png.width());
  }

  @Test
  void val2014IsTheTestSplit() throws IOException {
    CocoSplitData val =
        new CocoReader(new CocoFixture().write(dir.resolve("coco"))).read(CocoSplit.VAL2014);
    assertEquals(Split.TEST, val.split());
    assertEquals(1, val.images().size());
    assertEquals(64, val.images().get(0).objects().get(0).mask().area());
    assertEquals(List.of("a person"), val.images().get(0).captions());
  }

  @Test
  void sectionsMayComeInAnyOrder() throws IOException {
    CocoFixture fixture = new CocoFixture();
    JsonObject reordered = new JsonObject();
    for (String key : List.of("annotations", "categories", "licenses", "images", "info")) {
      reordered.add(key, fixture.trainInstances.get(key));
    }
    for (String key : List.of("annotations", "categories", "licenses", "images", "info")) {
      fixture.trainInstances.remove(key);
      fixture.trainInstances.add(key, reordered.get(key));
    }
    assertEquals(readTrain(new CocoFixture()).stats(), readTrain(fixture).stats());
  }

  // Errors: one line, naming the file and the offending id.

  private UserException trainError(CocoFixture fixture) throws IOException {
    Path root = fixture.write(dir.resolve("bad"));
    return assertThrows(UserException.class, () -> new CocoReader(root).read(CocoSplit.TRAIN2014));
  }

  private static void assertOneLineContaining(UserException e, String... parts) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), e.getMessage());
    }
  }

  @Test
  void missingAnnotationFileIsNamed() throws IOException {
    Path root = new CocoFixture().write(dir.resolve("coco"));
    Files.delete(root.resolve("annotations/captions_train2014.json"));
    UserException e =
        assertThrows(UserException.class, () -> new CocoReader(root).read(CocoSplit.TRAIN2014));
    assertOneLineContaining(
        e, "missing", "captions_train2014.json", "annotations_trainval2014.zip");
  }

  @Test
  void missingImageFolderAndImageFileAreNamed() throws IOException {
    Path root = new CocoFixture().write(dir.resolve("coco"));
    Files.delete(root.resolve("train2014/COCO_train2014_000000000003.jpg"));
    UserException file =
        assertThrows(UserException.class, () -> new CocoReader(root).read(CocoSplit.TRAIN2014));
    assertOneLineContaining(file, "COCO_train2014_000000000003.jpg", "image 3");

    Path empty = Files.createDirectories(dir.resolve("empty/annotations")).getParent();
    UserException folder =
        assertThrows(UserException.class, () -> new CocoReader(empty).read(CocoSplit.VAL2014));
    assertOneLineContaining(folder, "val2014", "unpack val2014.zip");
  }

  @Test
  void malformedJsonNamesTheFileAndThePlace() throws IOException {
    Path root = new CocoFixture().write(dir.resolve("coco"));
    Path instances = root.resolve("annotations/instances_train2014.json");
    String json = Files.readString(instances);
    Files.writeString(instances, json.substring(0, json.indexOf("\"annotations\"") + 40));
    UserException e =
        assertThrows(UserException.class, () -> new CocoReader(root).read(CocoSplit.TRAIN2014));
    assertOneLineContaining(e, "instances_train2014.json", "malformed JSON");
  }

  @Test
  void wrongValueTypeIsMalformed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture.annotationOf(fixture.trainInstances, 101).addProperty("image_id", "one");
    assertOneLineContaining(trainError(fixture), "instances_train2014.json", "annotations[1]");
  }

  @Test
  void unknownCategoryIdIsNamedWithItsAnnotation() throws IOException {
    CocoFixture fixture = new CocoFixture();
    // Even on a crowd object, which would be dropped anyway.
    fixture.annotationOf(fixture.trainInstances, 102).addProperty("category_id", 2);
    assertOneLineContaining(
        trainError(fixture), "instances_train2014.json", "annotation 102", "category_id 2");
  }

  @Test
  void maskOfAnotherSizeThanItsImageIsNamed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture
        .annotationOf(fixture.trainInstances, 201)
        .add("segmentation", CocoFixture.rle("\"" + CocoRleTest.HAND_ENCODED + "\"", 20, 5));
    assertOneLineContaining(
        trainError(fixture),
        "instances_train2014.json",
        "annotation 201",
        "20x5",
        "image 2 is 10x10");
  }

  @Test
  void rleThatDoesNotCoverTheImageIsNamed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture
        .annotationOf(fixture.trainInstances, 103)
        .add("segmentation", CocoFixture.rle("[122, 5, 5, 5, 60]", 10, 20));
    assertOneLineContaining(trainError(fixture), "annotation 103", "197 pixels");
    fixture
        .annotationOf(fixture.trainInstances, 103)
        .add("segmentation", CocoFixture.rle("\"U1 3\"", 10, 20));
    assertOneLineContaining(trainError(fixture), "annotation 103", "character ' '");
  }

  @Test
  void annotationOfAnUnlistedImageIsNamed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture.annotationOf(fixture.trainInstances, 104).addProperty("image_id", 77);
    assertOneLineContaining(trainError(fixture), "annotation 104", "image 77");
  }

  @Test
  void captionOfAnImageTheInstancesDoNotListIsNamed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture.addTrainCaption(9001, 7, "a val caption");
    assertOneLineContaining(
        trainError(fixture), "captions_train2014.json", "caption 9001", "image 7");
  }

  @Test
  void categoryIdOutsideCocosRangeIsNamed() throws IOException {
    CocoFixture fixture = new CocoFixture();
    fixture
        .trainInstances
        .getAsJsonArray("categories")
        .add(JsonParser.parseString("{\"id\": 91, \"name\": \"hair brush\"}"));
    assertOneLineContaining(trainError(fixture), "instances_train2014.json", "category 91");
  }
}
