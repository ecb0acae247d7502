package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small mask classifier of LAYOUT_SPEC §8: does a mask have its class's shape? Each mask is cut
 * to its box and resampled to {@value #SIDE}×{@value #SIDE} binary cells (thresholded at ½), so
 * that only the shape counts, not the box's size or place; a mask is named by the majority of its
 * {@value #K} nearest reference masks in Hamming distance (ties to the class of the nearest).
 *
 * <p>Nearest neighbours rather than a trained network: nothing to train or tune, deterministic, and
 * the real test masks give its ceiling. A box filled to its edges gives the shape-free baseline.
 */
public final class MaskClassifier {
  /** Cells per side of a resampled mask. */
  public static final int SIDE = 16;

  /** Neighbours that vote. */
  public static final int K = 5;

  private static final int WORDS = SIDE * SIDE / Long.SIZE;

  private final long[] references;
  private final int[] classes;
  private final int classCount;

  private MaskClassifier(long[] references, int[] classes, int classCount) {
    this.references = references;
    this.classes = classes;
    this.classCount = classCount;
  }

  /** Collects reference masks and their classes. */
  public static final class Builder {
    private final int classCount;
    private final List<long[]> masks = new ArrayList<>();
    private final List<Integer> classes = new ArrayList<>();

    public Builder(int classCount) {
      checkArgument(classCount >= 1, "classCount must be >= 1");
      this.classCount = classCount;
    }

    /** Adds every object of the layouts, with its true mask. */
    public Builder add(SceneTensors layouts, int emptyLabel) {
      int pixels = layouts.side() * layouts.side();
      for (int i = 0; i < layouts.n(); i++) {
        for (int t = 0; t < layouts.count(i, emptyLabel); t++) {
          int slot = i * layouts.slots() + t;
          masks.add(crop(layouts.masks(), slot * pixels, layouts.side(), layouts.boxes(), slot));
          classes.add(layouts.labels()[slot]);
        }
      }
      return this;
    }

    public int size() {
      return classes.size();
    }

    public MaskClassifier build() {
      checkArgument(!classes.isEmpty(), "no reference masks");
      long[] all = new long[classes.size() * WORDS];
      int[] labels = new int[classes.size()];
      for (int i = 0; i < labels.length; i++) {
        System.arraycopy(masks.get(i), 0, all, i * WORDS, WORDS);
        labels[i] = classes.get(i);
      }
      return new MaskClassifier(all, labels, classCount);
    }
  }

  public int references() {
    return classes.length;
  }

  /**
   * The class of the mask at {@code offset} of {@code masks}, cut to box {@code slot} of {@code
   * boxes}.
   */
  public int classify(float[] masks, int offset, int side, float[] boxes, int slot) {
    return classify(crop(masks, offset, side, boxes, slot));
  }

  int classify(long[] crop) {
    int[] nearest = new int[K];
    int[] distance = new int[K];
    Arrays.fill(distance, Integer.MAX_VALUE);
    for (int r = 0; r < classes.length; r++) {
      int d = 0;
      for (int w = 0; w < WORDS; w++) {
        d += Long.bitCount(crop[w] ^ references[r * WORDS + w]);
      }
      if (d < distance[K - 1]) {
        int at = K - 1;
        while (at > 0 && distance[at - 1] > d) {
          distance[at] = distance[at - 1];
          nearest[at] = nearest[at - 1];
          at--;
        }
        distance[at] = d;
        nearest[at] = r;
      }
    }
    int[] votes = new int[classCount];
    int found = Math.min(K, classes.length);
    for (int i = 0; i < found; i++) {
      votes[classes[nearest[i]]]++;
    }
    int best = classes[nearest[0]];
    for (int i = 1; i < found; i++) {
      int c = classes[nearest[i]];
      if (votes[c] > votes[best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * The mask inside its box, sampled at {@value #SIDE}×{@value #SIDE} points spread evenly over the
   * box, each the mask's pixel under it, thresholded at ½.
   */
  static long[] crop(float[] masks, int offset, int side, float[] boxes, int slot) {
    float x = boxes[slot * 4];
    float y = boxes[slot * 4 + 1];
    float w = boxes[slot * 4 + 2];
    float h = boxes[slot * 4 + 3];
    long[] bits = new long[WORDS];
    for (int r = 0; r < SIDE; r++) {
      int row = pixel(y + (r + 0.5f) / SIDE * h, side);
      for (int c = 0; c < SIDE; c++) {
        int col = pixel(x + (c + 0.5f) / SIDE * w, side);
        if (masks[offset + row * side + col] > ShapeEvaluator.THRESHOLD) {
          int cell = r * SIDE + c;
          bits[cell / Long.SIZE] |= 1L << (cell % Long.SIZE);
        }
      }
    }
    return bits;
  }

  private static int pixel(float coordinate, int side) {
    return Math.max(0, Math.min(side - 1, (int) Math.floor(coordinate * side)));
  }
}
