package t2i.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.types.TFloat32;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.batch.DecodedSplit;
import t2i.data.image.Images;
import t2i.error.UserException;
import t2i.graph.GanConfig;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.StyleEncoderConfig;

class ImageGeometryTest {
  @Test
  void theGeometryIsTheConfigs() {
    assertEquals(new ImageGeometry(64, 3), ImageGeometry.of(GanConfig.cpu()));
    assertEquals(new ImageGeometry(32, 5), ImageGeometry.of(GanConfig.tiny().withImage(32, 5)));
    assertEquals(
        new ImageGeometry(16, 1), ImageGeometry.of(ImageEncoderConfig.tiny().withImage(16, 1)));
    assertEquals(
        new ImageGeometry(128, 3),
        ImageGeometry.of(StyleEncoderConfig.preset("tiny", 8).withImage(128, 3)));
    ImageGeometry g = new ImageGeometry(32, 5);
    assertEquals(32 * 32 * 5, g.values());
    assertArrayEquals(new long[] {-1, 32, 32, 5}, g.batch(-1).asArray());
    assertEquals("32x32x5", g.toString());
    assertThrows(IllegalArgumentException.class, () -> new ImageGeometry(0, 3));
  }

  @Test
  void rowsAreTensorsOfWholeImagesAndTheirCountIsChecked() {
    ImageGeometry g = new ImageGeometry(2, 1);
    float[] pixels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
    g.checkPixels(pixels, 3);
    try (TFloat32 t = g.rows(pixels, 1, 2)) {
      assertArrayEquals(new long[] {2, 2, 2, 1}, t.shape().asArray());
      assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, BatchTensors.floats(t));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> g.checkPixels(pixels, 2));
    assertTrue(e.getMessage().contains("2 images of 2x2x1, got 12 values"), e.getMessage());
  }

  @Test
  void picturesAreRgbOfAnySide() {
    ImageGeometry g = new ImageGeometry(2, 3);
    // image 1 of 2: pixel (1, 0) is red, (0, 1) green, (1, 1) white, (0, 0) black
    float[] pixels = new float[2 * g.values()];
    float[] image = {-1, -1, -1, 1, -1, -1, -1, 1, -1, 1, 1, 1};
    System.arraycopy(image, 0, pixels, g.values(), image.length);
    BufferedImage p = g.picture(pixels, 1);
    assertEquals(2, p.getWidth());
    assertEquals(2, p.getHeight());
    assertEquals(0x000000, p.getRGB(0, 0) & 0xffffff);
    assertEquals(0xff0000, p.getRGB(1, 0) & 0xffffff);
    assertEquals(0x00ff00, p.getRGB(0, 1) & 0xffffff);
    assertEquals(0xffffff, p.getRGB(1, 1) & 0xffffff);
    assertEquals(0x808080, g.picture(new float[g.values()], 0).getRGB(0, 0) & 0xffffff);
  }

  @Test
  void onlyRgbImagesArePictures() {
    ImageGeometry labels = new ImageGeometry(4, 7);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> labels.picture(new float[112], 0));
    assertTrue(e.getMessage().contains("need images of 3 channels; these have 7"), e.getMessage());
    assertThrows(IllegalStateException.class, labels::checkRgb);
  }

  @Test
  void aSplitFeedsANetworkOfRgbImagesNoLargerThanItsOwn() {
    DecodedSplit split =
        DecodedSplit.of(
            List.of(
                new TextImageRecord(
                    "r",
                    Images.encodePng(new BufferedImage(12, 10, BufferedImage.TYPE_INT_RGB)),
                    12,
                    10,
                    List.of("c"),
                    0,
                    "c",
                    "c",
                    "s",
                    Split.TRAINVAL)));
    new ImageGeometry(8, 3).checkFeeds(split, "the GAN");
    new ImageGeometry(10, 3).checkFeeds(split, "the GAN");
    UserException large =
        assertThrows(
            UserException.class, () -> new ImageGeometry(16, 3).checkFeeds(split, "the GAN"));
    assertEquals(
        "the dataset's images are 12x10, smaller than the 16x16 images the GAN takes: give it a"
            + " dataset of images at least that large",
        large.getMessage());
    UserException gray =
        assertThrows(
            UserException.class,
            () -> new ImageGeometry(8, 1).checkFeeds(split, "the image encoder"));
    assertEquals(
        "the image encoder takes images of 1 channels; the dataset's are RGB (3)",
        gray.getMessage());
  }
}
