package t2i.data.reed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.error.UserException;

/** The converter on small trees the test writes in the exact CUB and Oxford-102 layouts. */
class ReedDatasetConverterTest {
  @TempDir Path dir;

  static final List<String> CUB_CLASSES =
      List.of("001.Black_footed_Albatross", "002.Laysan_Albatross", "003.Sooty_Albatross");

  /**
   * CUB: images/<class>/<name>.jpg, text_c10/<class>/<name>.txt, images.txt, bounding_boxes.txt.
   */
  Path writeCub() throws IOException {
    Path root = dir.resolve("CUB_200_2011");
    StringBuilder imagesTxt = new StringBuilder();
    StringBuilder boxes = new StringBuilder();
    int id = 1;
    for (int c = 0; c < CUB_CLASSES.size(); c++) {
      String cls = CUB_CLASSES.get(c);
      for (int i = 0; i < 2; i++) {
        String name = cls.substring(4) + "_000" + i + "_" + (100 + c * 10 + i);
        // 200x100 image: red left half, blue right half; the bird box is the right half.
        BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLUE);
        g.fillRect(100, 0, 100, 100);
        g.dispose();
        Path jpg = root.resolve("images").resolve(cls).resolve(name + ".jpg");
        Files.createDirectories(jpg.getParent());
        ImageIO.write(img, "jpg", jpg.toFile());
        Path txt = dir.resolve("cub_text/text_c10").resolve(cls).resolve(name + ".txt");
        Files.createDirectories(txt.getParent());
        StringBuilder captions = new StringBuilder();
        for (int k = 0; k < 10; k++) {
          captions.append("this bird ").append(cls).append(" caption ").append(k).append('\n');
        }
        Files.writeString(txt, captions + "\n");
        imagesTxt.append(id).append(' ').append(cls).append('/').append(name).append(".jpg\n");
        boxes.append(id).append(" 110.0 10.0 80.0 80.0\n");
        id++;
      }
    }
    Files.writeString(root.resolve("images.txt"), imagesTxt);
    Files.writeString(root.resolve("bounding_boxes.txt"), boxes);
    Path classes = dir.resolve("cub_text");
    Files.writeString(
        classes.resolve("trainvalclasses.txt"),
        CUB_CLASSES.get(0) + "\n" + CUB_CLASSES.get(2) + "\n");
    Files.writeString(classes.resolve("testclasses.txt"), CUB_CLASSES.get(1) + "\n");
    Files.writeString(classes.resolve("allclasses.txt"), String.join("\n", CUB_CLASSES) + "\n");
    return root;
  }

  DatasetManifest convertCub(Path root, Path boxes, Path out) throws IOException {
    return new ReedDatasetConverter(
            new ReedDatasetOptions(
                root.resolve("images"),
                dir.resolve("cub_text/text_c10"),
                dir.resolve("cub_text"),
                boxes,
                out,
                "cub",
                76,
                false))
        .convert(Progress.NONE);
  }

  @Test
  void convertsCubLayoutWithCaptionsSplitAndSize() throws IOException {
    Path root = writeCub();
    Path out = dir.resolve("cub");
    DatasetManifest m = convertCub(root, null, out);
    assertEquals(6, m.records());
    assertEquals(2, m.records(Split.TEST));
    assertEquals(76, m.imageWidth());
    assertEquals(
        List.of(CUB_CLASSES.get(1)), m.classes(Split.TEST).stream().map(c -> c.name()).toList());
    assertEquals(10, m.captions().min());
    assertEquals(10, m.captions().max());
    Dataset ds = Dataset.open(out);
    TextImageRecord r = ds.read(Split.TEST).get(0);
    assertEquals("Laysan_Albatross_0000_110", r.key());
    assertEquals("this bird 002.Laysan_Albatross caption 0", r.captions().get(0));
    assertEquals("photo", r.style());
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.png()));
    assertEquals(76, img.getWidth());
    assertEquals(76, img.getHeight());
    // Without a crop the whole 2:1 image is squeezed in: red on the left, blue on the right.
    assertTrue(isRed(img.getRGB(5, 38)));
    assertTrue(isBlue(img.getRGB(70, 38)));
  }

  @Test
  void boundingBoxesCropAroundTheBird() throws IOException {
    Path root = writeCub();
    Path out = dir.resolve("cub-crop");
    convertCub(root, root.resolve("bounding_boxes.txt"), out);
    for (TextImageRecord r : Dataset.open(out).read(Split.TRAINVAL)) {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(r.png()));
      // Box (110,10,80,80): crop x in [90, 200): a thin red strip then blue.
      assertTrue(isBlue(img.getRGB(38, 38)), r.key());
      assertTrue(isBlue(img.getRGB(70, 38)), r.key());
    }
  }

  @Test
  void convertsFlatOxfordLayout() throws IOException {
    Path jpg = dir.resolve("flowers/jpg");
    Files.createDirectories(jpg);
    Map<String, List<String>> byClass =
        Map.of(
            "class_00001",
            List.of("image_00001", "image_00002"),
            "class_00002",
            List.of("image_00003"),
            "class_00003",
            List.of("image_00004"));
    for (var e : byClass.entrySet()) {
      for (String name : e.getValue()) {
        BufferedImage img = new BufferedImage(120, 90, BufferedImage.TYPE_INT_RGB);
        ImageIO.write(img, "jpg", jpg.resolve(name + ".jpg").toFile());
        Path txt = dir.resolve("flowers/text_c10").resolve(e.getKey()).resolve(name + ".txt");
        Files.createDirectories(txt.getParent());
        Files.writeString(txt, "a flower with petals\nanother caption\n");
      }
    }
    Files.writeString(dir.resolve("flowers/trainvalclasses.txt"), "class_00001\nclass_00003\n");
    Files.writeString(dir.resolve("flowers/testclasses.txt"), "class_00002\n");
    DatasetManifest m =
        new ReedDatasetConverter(
                new ReedDatasetOptions(
                    jpg,
                    dir.resolve("flowers/text_c10"),
                    dir.resolve("flowers"),
                    null,
                    dir.resolve("ds"),
                    "flowers",
                    76,
                    false))
            .convert(Progress.NONE);
    assertEquals(4, m.records());
    assertEquals(Map.of("trainval", 3, "test", 1), m.recordsPerSplit());
    assertEquals(2, m.captions().max());
  }

  @Test
  void missingImageNamesBothPlacesLookedAtAndLeavesNoDataset() throws IOException {
    Path root = writeCub();
    Files.delete(
        root.resolve("images").resolve(CUB_CLASSES.get(2)).resolve("Sooty_Albatross_0001_121.jpg"));
    UserException e =
        assertThrows(UserException.class, () -> convertCub(root, null, dir.resolve("out")));
    assertTrue(e.getMessage().contains("Sooty_Albatross_0001_121"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void classInBothListsIsRejected() throws IOException {
    Path root = writeCub();
    Files.writeString(dir.resolve("cub_text/testclasses.txt"), CUB_CLASSES.get(0) + "\n");
    UserException e =
        assertThrows(UserException.class, () -> convertCub(root, null, dir.resolve("out")));
    assertTrue(e.getMessage().contains(CUB_CLASSES.get(0)), e.getMessage());
  }

  @Test
  void boundingBoxesJoinImagesTxt() throws IOException {
    Path root = writeCub();
    Map<String, int[]> boxes =
        ReedDatasetConverter.readBoundingBoxes(root.resolve("bounding_boxes.txt"));
    assertEquals(6, boxes.size());
    assertEquals(
        "110,10,80,80",
        Arrays.stream(boxes.get(CUB_CLASSES.get(0) + "/Black_footed_Albatross_0000_100.jpg"))
            .mapToObj(Integer::toString)
            .collect(Collectors.joining(",")));
  }

  static boolean isRed(int rgb) {
    return ((rgb >> 16) & 0xff) > 200 && (rgb & 0xff) < 60;
  }

  static boolean isBlue(int rgb) {
    return (rgb & 0xff) > 200 && ((rgb >> 16) & 0xff) < 60;
  }
}
