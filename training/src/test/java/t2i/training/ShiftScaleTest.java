package t2i.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ShiftScaleTest {
  static final int SIDE = 8;

  /** One image, black except the pixel (x, y), which is red. */
  static float[] dot(int x, int y) {
    float[] img = new float[SIDE * SIDE * 3];
    java.util.Arrays.fill(img, -1f);
    int p = (y * SIDE + x) * 3;
    img[p] = 1f;
    return img;
  }

  @Test
  void noShiftAndNoScaleLeavesTheImage() {
    float[] img = dot(3, 4);
    assertArrayEquals(img, ShiftScale.apply(img, 1, SIDE, new SplittableRandom(1), 0, 0f), 1e-6f);
  }

  @Test
  void shiftsMoveWholePixelsAndUncoverWhite() {
    float[] img = dot(3, 4);
    for (long seed = 0; seed < 20; seed++) {
      float[] out = ShiftScale.apply(img, 1, SIDE, new SplittableRandom(seed), 2, 0f);
      SplittableRandom r = new SplittableRandom(seed);
      r.nextDouble(); // the scale draw
      int dx = r.nextInt(5) - 2;
      int dy = r.nextInt(5) - 2;
      int p = ((4 + dy) * SIDE + 3 + dx) * 3;
      assertEquals(1f, out[p], 1e-6f, "the red pixel moved by (" + dx + ", " + dy + ")");
      assertEquals(-1f, out[p + 1], 1e-6f);
      if (dx > 0) {
        assertEquals(1f, out[(0 * SIDE + 0) * 3 + 1], 1e-6f, "white comes in on the left");
      }
    }
  }

  @Test
  void sameSeedSameImagesAndColourIsKept() {
    float[] img = new float[2 * SIDE * SIDE * 3];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i % 7) / 3.5f - 1f;
    }
    float[] a = ShiftScale.apply(img, 2, SIDE, new SplittableRandom(5), 2, 0.2f);
    float[] b = ShiftScale.apply(img, 2, SIDE, new SplittableRandom(5), 2, 0.2f);
    assertArrayEquals(a, b, 0f);
    assertNotEquals(0, java.util.Arrays.compare(a, img));
    for (float v : a) {
      assertEquals(true, v >= -1f && v <= 1f, "bilinear samples stay in range");
    }
  }
}
