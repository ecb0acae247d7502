package t2i.data.coco;

import java.util.List;

/**
 * An object's mask as COCO stores it, kept in this compact form until asked for: a mask at a
 * 640×480 image's size is 38 KB, the polygons behind it typically a few hundred bytes.
 */
public sealed interface CocoSegmentation {
  /** The mask at the image's size. */
  CocoMask mask();

  /** Polygons {@code x0, y0, x1, y1, ...} in pixels, united; see {@link PolygonRasteriser}. */
  record Polygons(List<double[]> polygons, int height, int width) implements CocoSegmentation {
    public Polygons {
      polygons = List.copyOf(polygons);
    }

    @Override
    public CocoMask mask() {
      return PolygonRasteriser.fill(polygons, height, width);
    }
  }

  /** Run lengths, from either of COCO's RLE forms; see {@link CocoRle}. */
  record Runs(int[] counts, int height, int width) implements CocoSegmentation {
    @Override
    public CocoMask mask() {
      return CocoRle.toMask(counts, height, width);
    }
  }
}
