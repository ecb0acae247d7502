package t2i.data.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import t2i.data.emoji.EmojiFixture;
import t2i.error.UserException;

class ImagesTest {
  @Test
  void transparencyIsCompositedOntoWhite() throws IOException {
    BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00000000); // fully transparent black
    argb.setRGB(1, 0, 0x80FF0000); // half-transparent red
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(argb, "png", png);
    BufferedImage rgb = Images.decodeOnWhite(png.toByteArray(), "test");
    assertEquals(0xFFFFFF, rgb.getRGB(0, 0) & 0xFFFFFF);
    assertEquals(0xFF7F7F, rgb.getRGB(1, 0) & 0xFFFFFF);
  }

  @Test
  void paletteAndRgbaEmojiPngsDecode() throws IOException {
    var f = EmojiFixture.fixtureDir();
    for (String style : List.of("google", "twitter")) {
      BufferedImage img =
          Images.decodeOnWhite(
              Files.readAllBytes(f.resolve("img/" + style + "/64/1f339.png")), style);
      assertEquals(64, img.getWidth());
      int[] center = img.getRGB(32, 20, 1, 1, null, 0, 1);
      assertTrue(((center[0] >> 16) & 0xff) > 150, style + " rose is red at its centre");
    }
  }

  @Test
  void notAnImageIsADataErrorNamingTheSource() {
    UserException e =
        assertThrows(
            UserException.class, () -> Images.decodeOnWhite(new byte[] {1, 2, 3}, "weird.png"));
    assertTrue(e.getMessage().contains("weird.png"));
  }

  @Test
  void resizeReachesTheExactSize() {
    BufferedImage big = new BufferedImage(1000, 300, BufferedImage.TYPE_INT_RGB);
    BufferedImage small = Images.resize(big, 76, 76);
    assertEquals(76, small.getWidth());
    assertEquals(76, small.getHeight());
    BufferedImage up = Images.resize(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB), 64, 64);
    assertEquals(64, up.getWidth());
  }

  @Test
  void rgbBytesAreInterleavedRowMajor() {
    BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    img.setRGB(1, 0, 0x010203);
    img.setRGB(0, 1, 0x0A0B0C);
    byte[] rgb = Images.rgbBytes(img);
    assertEquals(3, rgb[5]);
    assertEquals(0x0A, rgb[6]);
  }
}
