package t2i.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolygonRasteriserTest {
  @Test
  void fillsTheSquareOfPixelCentresInside() {
    CocoMask mask = PolygonRasteriser.fill(List.of(new double[] {1, 1, 4, 1, 4, 3, 1, 3}), 5, 6);
    assertEquals("......\n" + ".###..\n" + ".###..\n" + "......\n" + "......\n", mask.toString());
  }

  @Test
  void centresOnAnEdgeFollowPycocotools() {
    // Centres (x + ½, y + ½) with x + y = 5 lie on the hypotenuse; pycocotools leaves them out.
    CocoMask mask = PolygonRasteriser.fill(List.of(new double[] {0, 0, 6, 0, 0, 6}), 6, 6);
    for (int y = 0; y < 6; y++) {
      for (int x = 0; x < 6; x++) {
        assertEquals(x + y <= 4, mask.get(y, x), "pixel " + x + "," + y + "\n" + mask);
      }
    }
  }

  @Test
  void eachPolygonIsFilledEvenOdd() {
    // The square traced twice: every column is crossed four times, so even-odd leaves it empty
    // (a nonzero rule would fill it).
    double[] twice = {0, 0, 4, 0, 4, 4, 0, 4, 0, 0, 4, 0, 4, 4, 0, 4};
    assertEquals(0, PolygonRasteriser.fill(List.of(twice), 5, 5).area());
  }

  @Test
  void polygonsOfOneObjectAreUnited() {
    double[] left = {0, 0, 3, 0, 3, 2, 0, 2};
    double[] overlapping = {2, 0, 5, 0, 5, 2, 2, 2};
    CocoMask mask = PolygonRasteriser.fill(List.of(left, overlapping), 3, 6);
    assertEquals("#####.\n" + "#####.\n" + "......\n", mask.toString());
  }

  @Test
  void partsOutsideTheImageAreClipped() {
    CocoMask mask =
        PolygonRasteriser.fill(List.of(new double[] {-3, -3, 2, -3, 2, 2, -3, 2}), 4, 4);
    assertEquals("##..\n" + "##..\n" + "....\n" + "....\n", mask.toString());
  }

  /**
   * Masks pycocotools' {@code frPyObjects} produces for these polygons, as compressed RLE (values
   * recorded in the test suite of twsl/pytorchcocotools, which checks them against pycocotools).
   * The last two are the polygons of a real COCO annotation on a 427×640 image.
   */
  @Test
  void matchesPycocotoolsOnRecordedPolygons() {
    assertSameMask(
        new double[] {10, 10, 20, 10, 20, 20, 21, 21, 10, 20}, 25, 25, "T8:?00000000001O00000:F`2");
    assertSameMask(
        new double[] {
          266.83, 189.37, 267.79, 175.29, 269.46, 170.04, 271.37, 165.98, 270.89, 163.12, 269.12,
          159.54, 272.8, 156.44, 287.36, 156.44, 293.33, 157.87, 296.91, 160.49, 296.91, 161.21,
          291.89, 161.92, 289.98, 165.03, 291.42, 169.56, 285.16, 196.54
        },
        427,
        640,
        "\\`_3;j<6B@nCc0Q<@kCc0S<;01N10001O001O00001O001O0000O1L4K6K4L4B]COh<O<O001O0O2Omk^4");
    assertSameMask(
        new double[] {
          266.35, 214.44, 270.41, 217.3, 276.38, 218.97, 282.11, 218.97, 285.93, 217.3, 286.88,
          207.28, 267.07, 201.07
        },
        427,
        640,
        "RT_32n<<O100O0010O000010O0001O00001O000O101O0ISPc4");
  }

  @Test
  void encodesUncompressedRunsAsPycocotools() {
    assertEquals(
        "R45d00000000b;",
        CocoRle.encodeString(new int[] {130, 5, 20, 5, 20, 5, 20, 5, 20, 5, 390}));
  }

  private static void assertSameMask(double[] polygon, int height, int width, String expected) {
    CocoMask want = CocoRle.toMask(CocoRle.decodeString(expected), height, width);
    CocoMask got = PolygonRasteriser.fill(List.of(polygon), height, width);
    assertTrue(want.area() > 0);
    assertEquals(want, got, "expected area " + want.area() + ", got " + got.area());
  }

  /**
   * Random, often self-intersecting polygons against an exact even-odd test at each pixel centre,
   * away from the edges (where the fine-grid trace may fall either way).
   */
  @Test
  void agreesWithExactEvenOddAwayFromEdges() {
    Random random = new Random(2014);
    int compared = 0;
    for (int trial = 0; trial < 300; trial++) {
      int height = 5 + random.nextInt(20);
      int width = 5 + random.nextInt(20);
      double[] xy = new double[2 * (3 + random.nextInt(6))];
      for (int i = 0; i < xy.length; i += 2) {
        xy[i] = Math.round(random.nextDouble() * width * 100) / 100.0;
        xy[i + 1] = Math.round(random.nextDouble() * height * 100) / 100.0;
      }
      CocoMask mask = PolygonRasteriser.fill(List.of(xy), height, width);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double cx = x + 0.5;
          double cy = y + 0.5;
          if (distanceToBoundary(xy, cx, cy) < 0.35) {
            continue;
          }
          compared++;
          assertEquals(
              insideEvenOdd(xy, cx, cy),
              mask.get(y, x),
              "trial " + trial + " pixel " + x + "," + y + "\n" + mask);
        }
      }
    }
    assertTrue(compared > 10_000, "compared " + compared);
  }

  private static boolean insideEvenOdd(double[] xy, double px, double py) {
    boolean inside = false;
    int k = xy.length / 2;
    for (int i = 0, j = k - 1; i < k; j = i++) {
      double xi = xy[2 * i];
      double yi = xy[2 * i + 1];
      double xj = xy[2 * j];
      double yj = xy[2 * j + 1];
      if ((xi > px) != (xj > px) && py > yi + (yj - yi) * (px - xi) / (xj - xi)) {
        inside = !inside;
      }
    }
    return inside;
  }

  private static double distanceToBoundary(double[] xy, double px, double py) {
    double best = Double.MAX_VALUE;
    int k = xy.length / 2;
    for (int i = 0; i < k; i++) {
      int j = (i + 1) % k;
      double ax = xy[2 * i];
      double ay = xy[2 * i + 1];
      double dx = xy[2 * j] - ax;
      double dy = xy[2 * j + 1] - ay;
      double length2 = dx * dx + dy * dy;
      double t = length2 == 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / length2;
      t = Math.max(0, Math.min(1, t));
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
    return best;
  }
}
