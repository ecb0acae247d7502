package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class DiffAugmentTest {
  private static final int SIDE = 16;
  private static final int N = 300;

  /**
   * Each pixel of image i holds a code of its place (1 + y·SIDE + x, plus 1000·i), so an output
   * pixel names the input pixel it came from.
   */
  private static float[] codedImages(int n) {
    float[] images = new float[n * SIDE * SIDE];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < SIDE * SIDE; p++) {
        images[i * SIDE * SIDE + p] = 1 + p + 1000 * i;
      }
    }
    return images;
  }

  private static float[] augment(DiffAugment a, float[] images, DiffAugment.Draw d) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = tf.constant(Shape.of(d.n(), SIDE, SIDE, 1), DataBuffers.of(images));
      Operand<TInt32> sources =
          tf.constant(Shape.of(d.sources().length), DataBuffers.of(d.sources()));
      Operand<TFloat32> mask =
          tf.constant(Shape.of(d.n(), SIDE, SIDE, 1), DataBuffers.of(d.mask()));
      return GraphTesting.fetch(s, a.apply(tf, x, sources, mask));
    }
  }

  @Test
  void eachImageIsShiftedWholeByAtMostAnEighthAndLosesOneSquareOfHalfTheSide() {
    DiffAugment a = new DiffAugment(SIDE, 1);
    DiffAugment.Draw d = a.draw(new SplittableRandom(7), N);
    float[] out = augment(a, codedImages(N), d);
    Set<Integer> shiftsSeen = new HashSet<>();
    int fullSquares = 0;
    for (int i = 0; i < N; i++) {
      Integer dy = null;
      Integer dx = null;
      int minY = SIDE, maxY = -1, minX = SIDE, maxX = -1, cut = 0;
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          int at = (i * SIDE + y) * SIDE + x;
          if (d.mask()[at] == 0f) {
            cut++;
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            assertEquals(0f, out[at]);
            continue;
          }
          if (out[at] == 0f) {
            continue; // uncovered border, checked below once the shift is known
          }
          int code = Math.round(out[at]) - 1 - 1000 * i;
          assertTrue(code >= 0 && code < SIDE * SIDE, "pixel from another image");
          int sy = y - code / SIDE;
          int sx = x - code % SIDE;
          if (dy == null) {
            dy = sy;
            dx = sx;
          }
          assertEquals(dy, sy, "one shift per image");
          assertEquals(dx, sx, "one shift per image");
        }
      }
      assertTrue(Math.abs(dy) <= SIDE / 8 && Math.abs(dx) <= SIDE / 8, dy + ", " + dx);
      shiftsSeen.add(dy * 100 + dx);
      // The cut is one rectangle of at most half the side each way, whole when it fits.
      assertEquals((maxY - minY + 1) * (maxX - minX + 1), cut);
      assertTrue(maxY - minY + 1 <= SIDE / 2 && maxX - minX + 1 <= SIDE / 2);
      if (cut == SIDE * SIDE / 4) {
        fullSquares++;
      }
      // Outside the cut, a pixel is zero exactly where its source lies off the image.
      for (int y = 0; y < SIDE; y++) {
        for (int x = 0; x < SIDE; x++) {
          int at = (i * SIDE + y) * SIDE + x;
          boolean inside = y - dy >= 0 && y - dy < SIDE && x - dx >= 0 && x - dx < SIDE;
          if (d.mask()[at] != 0f) {
            assertEquals(inside, out[at] != 0f, "image " + i + " at " + y + "," + x);
          }
        }
      }
    }
    assertEquals(25, shiftsSeen.size(), "every shift in [-2, 2]² is drawn");
    assertTrue(fullSquares > N / 5, "most squares fit: " + fullSquares);
  }

  @Test
  void theSameSeedDrawsTheSame() {
    DiffAugment a = new DiffAugment(SIDE, 3);
    DiffAugment.Draw d1 = a.draw(new SplittableRandom(3), 4);
    DiffAugment.Draw d2 = a.draw(new SplittableRandom(3), 4);
    assertTrue(java.util.Arrays.equals(d1.sources(), d2.sources()));
    assertTrue(java.util.Arrays.equals(d1.mask(), d2.mask()));
  }

  @Test
  void gradientsReachTheImages() {
    DiffAugment a = new DiffAugment(8, 2);
    DiffAugment.Draw d = a.draw(new SplittableRandom(1), 2);
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = GanGraphTest.random(tf, 1, 2, 8, 8, 2);
      Operand<TInt32> sources =
          tf.constant(Shape.of(d.sources().length), DataBuffers.of(d.sources()));
      Operand<TFloat32> mask = tf.constant(Shape.of(2, 8, 8, 1), DataBuffers.of(d.mask()));
      Operand<TFloat32> y = a.apply(tf, x, sources, mask);
      GradientCheck.assertMatches(tf, s, GradientCheck.weightedSum(tf, y, 2), List.of(x));
    }
  }
}
