package t2i.data.coco;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A tiny COCO 2014 tree in the real layout, written by the tests. The instances file lists its
 * sections in COCO's own order (info, images, licenses, annotations, categories), so categories
 * come after the annotations that use them.
 *
 * <p>train2014:
 *
 * <ul>
 *   <li>image 1, 20×10 JPEG: 103 car, uncompressed RLE (columns 12 and 13, rows 2-6), listed first;
 *       101 person, polygon square (2,2)-(8,8); 102 person crowd RLE (dropped); 104 dog, a 1×3 box,
 *       1.5% of the image (dropped).
 *   <li>image 2, 10×10 PNG: 201 toothbrush, compressed RLE {@link CocoRleTest#HAND_ENCODED}.
 *   <li>image 3, 40×30 JPEG: ten rectangles 30x, boxes (36 - 4k, 0, 3, 10 + k) for k = 0..9: the
 *       two smallest (k = 0, 1) go over the limit of 8.
 *   <li>image 4: only a crowd object; image 5: no object; image 6: an object but no caption.
 * </ul>
 *
 * <p>val2014: image 7, 10×10 JPEG, one person polygon.
 *
 * <p>Categories, in list order: 1 person, 3 car, 90 toothbrush, 18 dog → indices 0, 1, 2, 3.
 *
 * <p>Public for the command-line tests of the cli module (through the test-jar).
 */
public final class CocoFixture {
  static final Gson GSON = new Gson();

  final JsonObject trainInstances = new JsonObject();
  final JsonObject trainCaptions = new JsonObject();
  final JsonObject valInstances = new JsonObject();
  final JsonObject valCaptions = new JsonObject();

  public CocoFixture() {
    JsonArray categories =
        array(
            category(1, "person"),
            category(3, "car"),
            category(90, "toothbrush"),
            category(18, "dog"));

    JsonArray trainImages =
        array(
            image(1, "COCO_train2014_000000000001.jpg", 20, 10),
            image(2, "COCO_train2014_000000000002.png", 10, 10),
            image(3, "COCO_train2014_000000000003.jpg", 40, 30),
            image(4, "COCO_train2014_000000000004.jpg", 10, 10),
            image(5, "COCO_train2014_000000000005.jpg", 10, 10),
            image(6, "COCO_train2014_000000000006.jpg", 10, 10));
    JsonArray trainAnnotations =
        array(
            annotation(103, 1, 3, rle("[122, 5, 5, 5, 63]", 10, 20), 0, 12, 2, 2, 5),
            annotation(101, 1, 1, polygons("[[2, 2, 8, 2, 8, 8, 2, 8]]"), 0, 2, 2, 6, 6),
            annotation(102, 1, 1, rle("[5, 10, 185]", 10, 20), 1, 0, 5, 1, 10),
            annotation(104, 1, 18, polygons("[[15, 1, 16, 1, 16, 4, 15, 4]]"), 0, 15, 1, 1, 3),
            annotation(
                201, 2, 90, rle("\"" + CocoRleTest.HAND_ENCODED + "\"", 10, 10), 0, 3, 0, 6, 10),
            annotation(401, 4, 1, rle("[0, 100]", 10, 10), 1, 0, 0, 10, 10),
            annotation(601, 6, 3, polygons("[[0, 0, 5, 0, 5, 5, 0, 5]]"), 0, 0, 0, 5, 5));
    for (int k = 0; k < 10; k++) {
      int x = 36 - 4 * k;
      int h = 10 + k;
      String square = String.format("[[%d, 0, %d, 0, %d, %d, %d, %d]]", x, x + 3, x + 3, h, x, h);
      trainAnnotations.add(
          annotation(300 + k, 3, k % 2 == 0 ? 1 : 18, polygons(square), 0, x, 0, 3, h));
    }
    fill(trainInstances, trainImages, trainAnnotations, categories);
    fillCaptions(
        trainCaptions,
        trainImages,
        array(
            caption(1003, 1, "  A person and a red car. \n"),
            caption(1001, 1, "a person next to a car"),
            caption(2001, 2, "a toothbrush"),
            caption(3002, 3, "people and dogs in a row"),
            caption(3001, 3, "eight of them"),
            caption(4001, 4, "a crowd")));

    JsonArray valImages = array(image(7, "COCO_val2014_000000000007.jpg", 10, 10));
    fill(
        valInstances,
        valImages,
        array(annotation(701, 7, 1, polygons("[[1, 1, 9, 1, 9, 9, 1, 9]]"), 0, 1, 1, 8, 8)),
        categories.deepCopy());
    fillCaptions(valCaptions, valImages, array(caption(7001, 7, "a person")));
  }

  /** Writes the tree under {@code root} and returns it. */
  public Path write(Path root) throws IOException {
    Path annotations = Files.createDirectories(root.resolve("annotations"));
    Files.writeString(annotations.resolve("instances_train2014.json"), GSON.toJson(trainInstances));
    Files.writeString(annotations.resolve("captions_train2014.json"), GSON.toJson(trainCaptions));
    Files.writeString(annotations.resolve("instances_val2014.json"), GSON.toJson(valInstances));
    Files.writeString(annotations.resolve("captions_val2014.json"), GSON.toJson(valCaptions));
    writeImages(root.resolve("train2014"), trainInstances);
    writeImages(root.resolve("val2014"), valInstances);
    return root;
  }

  /** Adds a caption to train2014's captions file. */
  void addTrainCaption(long id, long imageId, String text) {
    trainCaptions.getAsJsonArray("annotations").add(caption(id, imageId, text));
  }

  JsonObject annotationOf(JsonObject instances, long id) {
    for (JsonElement a : instances.getAsJsonArray("annotations")) {
      if (a.getAsJsonObject().get("id").getAsLong() == id) {
        return a.getAsJsonObject();
      }
    }
    throw new IllegalArgumentException("no annotation " + id);
  }

  private static void writeImages(Path folder, JsonObject instances) throws IOException {
    Files.createDirectories(folder);
    for (JsonElement e : instances.getAsJsonArray("images")) {
      JsonObject image = e.getAsJsonObject();
      BufferedImage pixels =
          new BufferedImage(
              image.get("width").getAsInt(),
              image.get("height").getAsInt(),
              BufferedImage.TYPE_INT_RGB);
      pixels.setRGB(0, 0, Color.ORANGE.getRGB());
      String name = image.get("file_name").getAsString();
      ImageIO.write(pixels, name.endsWith(".png") ? "png" : "jpg", folder.resolve(name).toFile());
    }
  }

  private static void fill(
      JsonObject file, JsonArray images, JsonArray annotations, JsonArray categories) {
    file.add("info", JsonParser.parseString("{\"description\": \"fixture\", \"year\": 2014}"));
    file.add("images", images);
    file.add("licenses", JsonParser.parseString("[{\"id\": 1, \"name\": \"test\"}]"));
    file.add("annotations", annotations);
    file.add("categories", categories);
  }

  private static void fillCaptions(JsonObject file, JsonArray images, JsonArray captions) {
    file.add("info", JsonParser.parseString("{\"description\": \"fixture\"}"));
    file.add("images", images.deepCopy());
    file.add("licenses", new JsonArray());
    file.add("annotations", captions);
  }

  static JsonArray array(JsonElement... elements) {
    JsonArray array = new JsonArray();
    for (JsonElement e : elements) {
      array.add(e);
    }
    return array;
  }

  static JsonObject image(long id, String fileName, int width, int height) {
    return JsonParser.parseString(
            String.format(
                "{\"license\": 1, \"file_name\": \"%s\", \"coco_url\": \"http://x\", \"height\":"
                    + " %d, \"width\": %d, \"date_captured\": \"2013\", \"id\": %d}",
                fileName, height, width, id))
        .getAsJsonObject();
  }

  static JsonObject category(int id, String name) {
    return JsonParser.parseString(
            String.format("{\"supercategory\": \"thing\", \"id\": %d, \"name\": \"%s\"}", id, name))
        .getAsJsonObject();
  }

  static JsonElement polygons(String json) {
    return JsonParser.parseString(json);
  }

  static JsonElement rle(String countsJson, int height, int width) {
    return JsonParser.parseString(
        String.format("{\"counts\": %s, \"size\": [%d, %d]}", countsJson, height, width));
  }

  /** Fields in COCO's order: segmentation first, id last. */
  static JsonObject annotation(
      long id, long imageId, int categoryId, JsonElement segmentation, int crowd, double... bbox) {
    JsonObject a = new JsonObject();
    a.add("segmentation", segmentation);
    a.addProperty("area", bbox[2] * bbox[3]);
    a.addProperty("iscrowd", crowd);
    a.addProperty("image_id", imageId);
    JsonArray box = new JsonArray();
    for (double v : bbox) {
      box.add(v);
    }
    a.add("bbox", box);
    a.addProperty("category_id", categoryId);
    a.addProperty("id", id);
    return a;
  }

  static JsonObject caption(long id, long imageId, String text) {
    JsonObject c = new JsonObject();
    c.addProperty("image_id", imageId);
    c.addProperty("id", id);
    c.addProperty("caption", text);
    return c;
  }

  static List<Long> ids(List<CocoObject> objects) {
    List<Long> ids = new ArrayList<>();
    objects.forEach(o -> ids.add(o.annotationId()));
    return ids;
  }
}
