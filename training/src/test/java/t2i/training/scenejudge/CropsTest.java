package t2i.training.scenejudge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import t2i.data.scenes.Box;

class CropsTest {
  /** An 8×8 image whose value at (x, y, k) is x + 10·y + 100·k, scaled to stay small. */
  static float[] ramp() {
    float[] img = new float[8 * 8 * 3];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        for (int k = 0; k < 3; k++) {
          img[(y * 8 + x) * 3 + k] = value(x, y, k);
        }
      }
    }
    return img;
  }

  static float value(int x, int y, int k) {
    return (x + 10 * y + 100 * k) / 1000f;
  }

  @Test
  void aCropOfAWholePixelBoxAtItsOwnSizeIsThosePixels() {
    // pixels 2..5 across, 1..4 down: box (2/8, 1/8, 4/8, 4/8)
    float[] out = new float[4 * 4 * 3];
    Crops.crop(ramp(), 0, 8, new Box(0.25, 0.125, 0.5, 0.5), 0, Crops.Jitter.NONE, 4, out, 0);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        for (int k = 0; k < 3; k++) {
          assertEquals(value(2 + x, 1 + y, k), out[(y * 4 + x) * 3 + k], 1e-6, x + "," + y);
        }
      }
    }
  }

  @Test
  void aMarginWidensTheCropAndTheEdgeRepeatsBeyondTheCanvas() {
    // box = pixels 0..3 across and down; margin 1/4 widens it by one pixel each way: -1..4
    float[] out = new float[6 * 6 * 3];
    Crops.crop(ramp(), 0, 8, new Box(0, 0, 0.5, 0.5), 0.25, Crops.Jitter.NONE, 6, out, 0);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        int sx = Math.max(0, x - 1);
        int sy = Math.max(0, y - 1);
        assertEquals(value(sx, sy, 1), out[(y * 6 + x) * 3 + 1], 1e-6, x + "," + y);
      }
    }
  }

  @Test
  void aJitterMovesTheCropByShareOfTheBoxAndScalesIt() {
    float[] moved = new float[4 * 4 * 3];
    float[] expected = new float[4 * 4 * 3];
    // half a box side right = 2 pixels
    Crops.crop(
        ramp(), 0, 8, new Box(0.25, 0.125, 0.5, 0.5), 0, new Crops.Jitter(0.5, 0, 1), 4, moved, 0);
    Crops.crop(ramp(), 0, 8, new Box(0.5, 0.125, 0.5, 0.5), 0, Crops.Jitter.NONE, 4, expected, 0);
    assertArrayEquals(expected, moved, 1e-6f);
    float[] half = new float[2 * 2 * 3];
    float[] smaller = new float[2 * 2 * 3];
    Crops.crop(
        ramp(), 0, 8, new Box(0.25, 0.25, 0.5, 0.5), 0, new Crops.Jitter(0, 0, 0.5), 2, half, 0);
    Crops.crop(
        ramp(), 0, 8, new Box(0.375, 0.375, 0.25, 0.25), 0, Crops.Jitter.NONE, 2, smaller, 0);
    assertArrayEquals(smaller, half, 1e-6f);
  }

  @Test
  void cropsComeImageByImageAndBoxByBox() {
    float[] two = new float[2 * 8 * 8 * 3];
    float[] img = ramp();
    System.arraycopy(img, 0, two, 0, img.length);
    for (int i = 0; i < img.length; i++) {
      two[img.length + i] = -img[i];
    }
    Box a = new Box(0, 0, 0.5, 0.5);
    Box b = new Box(0.5, 0.5, 0.5, 0.5);
    float[] crops = Crops.crops(two, 8, List.of(List.of(a, b), List.of(a)), 0, 4);
    assertEquals(3 * 4 * 4 * 3, crops.length);
    int length = 4 * 4 * 3;
    float[] one = new float[length];
    Crops.crop(img, 0, 8, b, 0, Crops.Jitter.NONE, 4, one, 0);
    assertArrayEquals(one, java.util.Arrays.copyOfRange(crops, length, 2 * length));
    Crops.crop(img, 0, 8, a, 0, Crops.Jitter.NONE, 4, one, 0);
    assertArrayEquals(one, java.util.Arrays.copyOfRange(crops, 0, length));
    for (int i = 0; i < length; i++) {
      assertEquals(-one[i], crops[2 * length + i], "image 1's crop of a");
    }
    assertEquals(length, Crops.crops(two, 8, List.of(List.of(), List.of(b)), 0, 4).length);
  }

  @Test
  void theBackgroundInputBlanksTheBoxesAndSaysWhichPixelsItKept() {
    float[] out = new float[8 * 8 * 4];
    Box box = new Box(0.25, 0.5, 0.25, 0.5); // x 2..3, y 4..7
    Crops.background(ramp(), 0, 8, List.of(box), 8, false, out, 0);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        boolean inside = x >= 2 && x <= 3 && y >= 4;
        int at = (y * 8 + x) * 4;
        assertEquals(inside ? 0f : 1f, out[at + 3], x + "," + y);
        assertEquals(inside ? 0f : value(x, y, 2), out[at + 2], 1e-6, x + "," + y);
      }
    }
    float[] mirrored = new float[8 * 8 * 4];
    Crops.background(ramp(), 0, 8, List.of(box), 8, true, mirrored, 0);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        for (int k = 0; k < 4; k++) {
          assertEquals(out[(y * 8 + x) * 4 + k], mirrored[(y * 8 + 7 - x) * 4 + k]);
        }
      }
    }
  }

  @Test
  void halvingAveragesPixelPairs() {
    float[] half = Crops.resize(ramp(), 1, 8, 4);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        float expected =
            (value(2 * x, 2 * y, 0)
                    + value(2 * x + 1, 2 * y, 0)
                    + value(2 * x, 2 * y + 1, 0)
                    + value(2 * x + 1, 2 * y + 1, 0))
                / 4;
        assertEquals(expected, half[(y * 4 + x) * 3], 1e-6);
      }
    }
    float[] same = ramp();
    assertEquals(same, Crops.resize(same, 1, 8, 8));
  }
}
