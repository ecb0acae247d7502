package t2i.data.reed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.data.DatasetManifest.SourceEntry;
import t2i.data.Progress;
import t2i.data.ShardedDatasetWriter;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.image.Images;
import t2i.error.UserException;

/**
 * Converts CUB-200-2011 or Oxford-102 in Reed's layout. Each {@code text_c10/<class>/<name>.txt}
 * becomes a record whose captions are the file's non-empty lines and whose image is {@code
 * <images>/<class>/<name>.<ext>} or {@code <images>/<name>.<ext>}, optionally cropped around its
 * CUB bounding box (a square of 1.5 × the longer box side, as StackGAN crops), then resized to a
 * square of {@code size}. Classes come from {@code trainvalclasses.txt} / {@code testclasses.txt}.
 */
public final class ReedDatasetConverter {
  private static final List<String> IMAGE_EXTENSIONS = List.of(".jpg", ".jpeg", ".png");

  private final ReedDatasetOptions options;

  public ReedDatasetConverter(ReedDatasetOptions options) {
    this.options = options;
  }

  public DatasetManifest convert(Progress progress) throws IOException {
    requireDirectory(options.images(), "--images");
    requireDirectory(options.text(), "--text");
    requireDirectory(options.classes(), "--classes");
    List<String> trainval = readClassList(options.classes().resolve("trainvalclasses.txt"));
    List<String> test = readClassList(options.classes().resolve("testclasses.txt"));
    Set<String> overlap = new LinkedHashSet<>(trainval);
    overlap.retainAll(test);
    if (!overlap.isEmpty()) {
      throw new UserException(
          "classes in both trainvalclasses.txt and testclasses.txt: " + overlap);
    }
    Map<String, Split> splitOf = new TreeMap<>();
    trainval.forEach(c -> splitOf.put(c, Split.TRAINVAL));
    test.forEach(c -> splitOf.put(c, Split.TEST));
    List<ClassEntry> classes = new ArrayList<>();
    Map<String, Integer> classIds = new HashMap<>();
    for (Map.Entry<String, Split> c : splitOf.entrySet()) {
      classIds.put(c.getKey(), classes.size());
      classes.add(new ClassEntry(classes.size(), c.getKey(), c.getValue(), 0));
    }
    Map<String, int[]> boxes =
        options.boundingBoxes() == null ? Map.of() : readBoundingBoxes(options.boundingBoxes());

    try (ShardedDatasetWriter writer =
        ShardedDatasetWriter.create(
            options.out(), options.force(), ShardedDatasetWriter.DEFAULT_RECORDS_PER_SHARD)) {
      List<Path[]> pairs = new ArrayList<>();
      for (String className : splitOf.keySet()) {
        Path classText = options.text().resolve(className);
        requireDirectory(classText, "text folder of class " + className);
        try (Stream<Path> files = Files.list(classText)) {
          for (Path t : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
            pairs.add(new Path[] {t, findImage(className, stem(t))});
          }
        }
      }
      if (pairs.isEmpty()) {
        throw new UserException("no captions found under " + options.text());
      }
      if (!boxes.isEmpty()) {
        List<String> missing = new ArrayList<>();
        for (Path[] pair : pairs) {
          String key = pair[0].getParent().getFileName() + "/" + pair[1].getFileName();
          if (!boxes.containsKey(key)) {
            missing.add(key);
          }
        }
        if (!missing.isEmpty()) {
          throw new UserException(
              "--bounding-boxes has no box for "
                  + missing.size()
                  + " of "
                  + pairs.size()
                  + " images (first: "
                  + missing.get(0)
                  + "): is images.txt from the same CUB"
                  + " copy as --images?");
        }
      }
      progress.start("convert " + options.name(), pairs.size());
      for (Path[] pair : pairs) {
        String className = pair[0].getParent().getFileName().toString();
        String key = stem(pair[0]);
        List<String> captions =
            Files.readAllLines(pair[0], StandardCharsets.UTF_8).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .toList();
        if (captions.isEmpty()) {
          throw new UserException(pair[0] + " has no captions");
        }
        BufferedImage image = Images.decodeOnWhite(Files.readAllBytes(pair[1]), pair[1].toString());
        int[] box = boxes.get(className + "/" + pair[1].getFileName());
        if (box != null) {
          image = cropAround(image, box);
        }
        image = Images.resize(image, options.size(), options.size());
        writer.write(
            new TextImageRecord(
                key,
                Images.encodePng(image),
                options.size(),
                options.size(),
                captions,
                classIds.get(className),
                className,
                className,
                "photo",
                splitOf.get(className)));
        progress.advance(1);
      }
      progress.finish();
      Map<String, String> opts = new TreeMap<>();
      opts.put("images", options.images().toString());
      opts.put("text", options.text().toString());
      opts.put("boundingBoxes", String.valueOf(options.boundingBoxes()));
      opts.put("size", Integer.toString(options.size()));
      return writer.commit(
          new ShardedDatasetWriter.Description(
              options.name(),
              "Reed-layout dataset converted from " + options.text(),
              classes,
              List.of(new SourceEntry(options.name(), "", "", "see the original dataset")),
              opts));
    }
  }

  private Path findImage(String className, String stem) {
    for (Path dir : List.of(options.images().resolve(className), options.images())) {
      for (String ext : IMAGE_EXTENSIONS) {
        Path p = dir.resolve(stem + ext);
        if (Files.isRegularFile(p)) {
          return p;
        }
      }
    }
    throw new UserException(
        "no image for caption file "
            + className
            + "/"
            + stem
            + ".txt: looked for "
            + options.images().resolve(className).resolve(stem + ".jpg")
            + " and "
            + options.images().resolve(stem + ".jpg"));
  }

  /**
   * Crop centred on the box, side 1.5 × the box's longer side, clamped to the image (so not square
   * when the box is near an edge; the resize then stretches it slightly, as in StackGAN).
   */
  static BufferedImage cropAround(BufferedImage image, int[] box) {
    int cx = box[0] + box[2] / 2;
    int cy = box[1] + box[3] / 2;
    int r = (int) (Math.max(box[2], box[3]) * 0.75);
    int x0 = Math.max(0, cx - r);
    int y0 = Math.max(0, cy - r);
    int x1 = Math.min(image.getWidth(), cx + r);
    int y1 = Math.min(image.getHeight(), cy + r);
    if (x1 - x0 < 2 || y1 - y0 < 2) {
      return image;
    }
    return image.getSubimage(x0, y0, x1 - x0, y1 - y0);
  }

  /** CUB's bounding_boxes.txt joined with images.txt: "class/file.jpg" → {x, y, w, h}. */
  static Map<String, int[]> readBoundingBoxes(Path boxesFile) throws IOException {
    Path imagesFile = boxesFile.resolveSibling("images.txt");
    if (!Files.isRegularFile(boxesFile) || !Files.isRegularFile(imagesFile)) {
      throw new UserException(
          "--bounding-boxes needs " + boxesFile + " and images.txt beside it (CUB's root folder)");
    }
    Map<String, String> pathById = new HashMap<>();
    for (String line : Files.readAllLines(imagesFile, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      if (f.length == 2) {
        pathById.put(f[0], f[1]);
      }
    }
    Map<String, int[]> boxes = new HashMap<>();
    for (String line : Files.readAllLines(boxesFile, StandardCharsets.UTF_8)) {
      String[] f = line.strip().split("\\s+");
      if (f.length != 5) {
        continue;
      }
      String path = pathById.get(f[0]);
      if (path == null) {
        throw new UserException(boxesFile + ": image id " + f[0] + " is not in " + imagesFile);
      }
      int[] box = new int[4];
      for (int i = 0; i < 4; i++) {
        box[i] = (int) Math.round(Double.parseDouble(f[i + 1]));
      }
      boxes.put(path, box);
    }
    return boxes;
  }

  private static List<String> readClassList(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserException("missing " + file + " (one class folder name per line)");
    }
    List<String> classes =
        Files.readAllLines(file, StandardCharsets.UTF_8).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .toList();
    if (classes.isEmpty()) {
      throw new UserException(file + " lists no classes");
    }
    return classes;
  }

  private static void requireDirectory(Path dir, String what) {
    if (!Files.isDirectory(dir)) {
      throw new UserException(what + ": " + dir + " is not a folder");
    }
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
