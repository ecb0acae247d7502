package t2i.data.coco;

import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import t2i.error.UserException;

/**
 * Reads an {@code instances_*2014.json} in two streaming passes. The first keeps the {@code images}
 * and {@code categories} lists and skips the annotations; the second streams the {@code
 * annotations}, filters each one as it is read (its image size and category are then known, in
 * whatever order the file lists its sections) and keeps, per image, at most the {@link
 * #MAX_OBJECTS} largest objects with their segmentation in COCO's compact form. Memory is the image
 * list plus the kept objects, never the whole file.
 */
final class CocoInstances {
  static final int MAX_OBJECTS = 8;
  static final double MIN_AREA_FRACTION = 0.02;
  static final int MIN_COCO_ID = 1;
  static final int MAX_COCO_ID = 90;

  /** An entry of the images list. */
  record ImageEntry(long id, String fileName, int width, int height) {}

  /** The kept objects of every image that has any, and the filter counts. */
  record Result(
      List<CocoCategory> categories,
      Map<Long, ImageEntry> images,
      Map<Long, List<CocoObject>> objectsByImage,
      int annotations,
      int crowdDropped,
      int smallDropped,
      int overLimitDropped) {}

  /** Worst first: the smallest box, and among equal boxes the later annotation. */
  private static final Comparator<CocoObject> WORST_FIRST =
      Comparator.comparingDouble((CocoObject o) -> o.box().area())
          .thenComparing(Comparator.comparingLong(CocoObject::annotationId).reversed());

  /** Left to right by the box's left edge; ties by the top edge, then the annotation id. */
  static final Comparator<CocoObject> LEFT_TO_RIGHT =
      Comparator.comparingDouble((CocoObject o) -> o.box().x())
          .thenComparingDouble(o -> o.box().y())
          .thenComparingLong(CocoObject::annotationId);

  private static final String HINT = CocoJson.UNPACK_ANNOTATIONS;

  private final Path file;
  private final Map<Long, ImageEntry> images = new LinkedHashMap<>();
  private final List<CocoCategory> categories = new ArrayList<>();
  private final Map<Integer, CocoCategory> categoryById = new HashMap<>();
  private final Map<Long, PriorityQueue<CocoObject>> kept = new HashMap<>();
  private int annotations;
  private int crowdDropped;
  private int smallDropped;
  private int overLimitDropped;

  private CocoInstances(Path file) {
    this.file = file;
  }

  static Result read(Path file) {
    CocoInstances instances = new CocoInstances(file);
    CocoJson.parse(file, HINT, instances::readHeader);
    CocoJson.parse(file, HINT, instances::readAnnotations);
    Map<Long, List<CocoObject>> objects = new LinkedHashMap<>();
    for (long imageId : instances.images.keySet()) {
      PriorityQueue<CocoObject> queue = instances.kept.get(imageId);
      if (queue != null) {
        List<CocoObject> ordered = new ArrayList<>(queue);
        ordered.sort(LEFT_TO_RIGHT);
        objects.put(imageId, ordered);
      }
    }
    return new Result(
        instances.categories,
        instances.images,
        objects,
        instances.annotations,
        instances.crowdDropped,
        instances.smallDropped,
        instances.overLimitDropped);
  }

  private Void readHeader(JsonReader json) throws IOException {
    boolean[] seen = new boolean[3];
    CocoJson.readObject(
        json,
        (name, j) -> {
          switch (name) {
            case "images" -> {
              seen[0] = true;
              CocoJson.readArray(j, this::readImage);
            }
            case "categories" -> {
              seen[1] = true;
              CocoJson.readArray(j, this::readCategory);
            }
            case "annotations" -> {
              seen[2] = true;
              j.skipValue();
            }
            default -> j.skipValue();
          }
        });
    String[] names = {"images", "categories", "annotations"};
    for (int i = 0; i < names.length; i++) {
      if (!seen[i]) {
        throw new UserException(
            file + " has no \"" + names[i] + "\" list: is it an instances file?");
      }
    }
    return null;
  }

  private Void readImage(JsonReader json) throws IOException {
    Long[] id = {null};
    String[] fileName = {null};
    int[] size = {-1, -1};
    CocoJson.readObject(
        json,
        (name, j) -> {
          switch (name) {
            case "id" -> id[0] = j.nextLong();
            case "file_name" -> fileName[0] = j.nextString();
            case "width" -> size[0] = j.nextInt();
            case "height" -> size[1] = j.nextInt();
            default -> j.skipValue();
          }
        });
    if (id[0] == null) {
      throw new UserException(file + ": an entry of \"images\" has no id");
    }
    if (fileName[0] == null || size[0] <= 0 || size[1] <= 0) {
      throw new UserException(
          file + ": image " + id[0] + " lacks file_name or a positive width and height");
    }
    if (images.put(id[0], new ImageEntry(id[0], fileName[0], size[0], size[1])) != null) {
      throw new UserException(file + ": image id " + id[0] + " is listed twice");
    }
    return null;
  }

  private Void readCategory(JsonReader json) throws IOException {
    Integer[] id = {null};
    String[] name = {null};
    CocoJson.readObject(
        json,
        (field, j) -> {
          switch (field) {
            case "id" -> id[0] = j.nextInt();
            case "name" -> name[0] = j.nextString();
            default -> j.skipValue();
          }
        });
    if (id[0] == null || name[0] == null) {
      throw new UserException(file + ": an entry of \"categories\" lacks id or name");
    }
    if (id[0] < MIN_COCO_ID || id[0] > MAX_COCO_ID) {
      throw new UserException(
          file + ": category " + id[0] + " (" + name[0] + ") is outside COCO's ids 1..90");
    }
    CocoCategory category = new CocoCategory(categories.size(), id[0], name[0]);
    if (categoryById.put(id[0], category) != null) {
      throw new UserException(file + ": category id " + id[0] + " is listed twice");
    }
    categories.add(category);
    return null;
  }

  private Void readAnnotations(JsonReader json) throws IOException {
    CocoJson.readObject(
        json,
        (name, j) -> {
          if (name.equals("annotations")) {
            CocoJson.readArray(j, this::readAnnotation);
          } else {
            j.skipValue();
          }
        });
    return null;
  }

  /** The fields of one annotation, which COCO lists in no fixed order. */
  private static final class RawAnnotation {
    Long id;
    Long imageId;
    Integer categoryId;
    int crowd;
    double[] bbox;
    List<double[]> polygons;
    int[] counts;
    String compressedCounts;
    int[] rleSize;
  }

  private Void readAnnotation(JsonReader json) throws IOException {
    RawAnnotation a = new RawAnnotation();
    CocoJson.readObject(
        json,
        (name, j) -> {
          switch (name) {
            case "id" -> a.id = j.nextLong();
            case "image_id" -> a.imageId = j.nextLong();
            case "category_id" -> a.categoryId = j.nextInt();
            case "iscrowd" -> a.crowd = j.nextInt();
            case "bbox" -> a.bbox = CocoJson.readDoubles(j);
            case "segmentation" -> readSegmentation(j, a);
            default -> j.skipValue();
          }
        });
    annotations++;
    accept(a);
    return null;
  }

  private static void readSegmentation(JsonReader json, RawAnnotation a) throws IOException {
    if (CocoJson.isArray(json)) {
      a.polygons = new ArrayList<>();
      json.beginArray();
      while (json.hasNext()) {
        a.polygons.add(CocoJson.readDoubles(json));
      }
      json.endArray();
      return;
    }
    CocoJson.readObject(
        json,
        (name, j) -> {
          switch (name) {
            case "counts" -> {
              if (CocoJson.isArray(j)) {
                a.counts = CocoJson.readInts(j);
              } else {
                a.compressedCounts = j.nextString();
              }
            }
            case "size" -> a.rleSize = CocoJson.readInts(j);
            default -> j.skipValue();
          }
        });
  }

  private void accept(RawAnnotation a) {
    if (a.id == null) {
      throw new UserException(file + ": annotation number " + annotations + " has no id");
    }
    String what = file + ": annotation " + a.id;
    if (a.imageId == null || a.categoryId == null || a.bbox == null) {
      throw new UserException(what + " lacks image_id, category_id or bbox");
    }
    ImageEntry image = images.get(a.imageId);
    if (image == null) {
      throw new UserException(
          what + " is for image " + a.imageId + ", which the images list does not have");
    }
    CocoCategory category = categoryById.get(a.categoryId);
    if (category == null) {
      throw new UserException(
          what + " has category_id " + a.categoryId + ", which the categories list does not have");
    }
    if (a.bbox.length != 4 || a.bbox[2] < 0 || a.bbox[3] < 0) {
      throw new UserException(what + " has a bbox that is not [x, y, width, height]");
    }
    CocoSegmentation segmentation = segmentation(a, image, what);
    if (a.crowd != 0) {
      crowdDropped++;
      return;
    }
    CocoBox box = new CocoBox(a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3]);
    if (box.area() < MIN_AREA_FRACTION * image.width() * image.height()) {
      smallDropped++;
      return;
    }
    PriorityQueue<CocoObject> queue =
        kept.computeIfAbsent(a.imageId, k -> new PriorityQueue<>(WORST_FIRST));
    queue.add(new CocoObject(a.id, category, box, segmentation));
    if (queue.size() > MAX_OBJECTS) {
      queue.poll();
      overLimitDropped++;
    }
  }

  private static CocoSegmentation segmentation(RawAnnotation a, ImageEntry image, String what) {
    if (a.polygons != null) {
      for (double[] polygon : a.polygons) {
        if (polygon.length % 2 != 0) {
          throw new UserException(what + " has a polygon with an odd number of coordinates");
        }
      }
      return new CocoSegmentation.Polygons(a.polygons, image.height(), image.width());
    }
    if (a.counts == null && a.compressedCounts == null) {
      throw new UserException(what + " has no segmentation (polygons or RLE counts)");
    }
    if (a.rleSize == null || a.rleSize.length != 2) {
      throw new UserException(what + " has an RLE mask without \"size\": [height, width]");
    }
    if (a.rleSize[0] != image.height() || a.rleSize[1] != image.width()) {
      throw new UserException(
          String.format(
              "%s has a mask of %dx%d (height x width) but image %d is %dx%d",
              what, a.rleSize[0], a.rleSize[1], image.id(), image.height(), image.width()));
    }
    int[] counts;
    try {
      counts = a.counts != null ? a.counts : CocoRle.decodeString(a.compressedCounts);
      // Checked now, so that a bad mask is reported while reading, not when rasterised.
      CocoRle.checkRuns(counts, image.height(), image.width());
    } catch (IllegalArgumentException e) {
      throw new UserException(what + ": " + e.getMessage(), e);
    }
    return new CocoSegmentation.Runs(counts, image.height(), image.width());
  }
}
