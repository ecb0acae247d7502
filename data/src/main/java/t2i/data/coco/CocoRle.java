package t2i.data.coco;

/**
 * COCO's run-length masks. The runs go down the columns (column-major, the first column top to
 * bottom, then the next) and alternate background and object, starting with background, so a mask
 * that starts with an object pixel has a first run of 0.
 *
 * <p>The compressed string form packs each run length into printable characters: a character minus
 * 48 gives six bits, of which the low five carry data (least significant group first) and 0x20 says
 * another character follows. The last character's 0x10 bit is the sign: when set, the value is
 * negative (the bits above are all ones). From the fourth run on, the value stored is the
 * difference from the run two places earlier (the previous run of the same colour), which keeps the
 * numbers small when consecutive columns look alike.
 */
public final class CocoRle {
  private static final int FIRST = 48;

  private CocoRle() {}

  /**
   * Decodes the compressed string form.
   *
   * @throws IllegalArgumentException if a character is outside the code's range or the string ends
   *     in the middle of a number
   */
  public static int[] decodeString(String s) {
    int[] counts = new int[s.length()];
    int n = 0;
    int p = 0;
    while (p < s.length()) {
      long value = 0;
      int shift = 0;
      int group;
      do {
        if (p == s.length()) {
          throw new IllegalArgumentException("compressed RLE ends inside a number");
        }
        char ch = s.charAt(p++);
        group = ch - FIRST;
        if (group < 0 || group > 63) {
          throw new IllegalArgumentException(
              "compressed RLE has character '" + ch + "' at " + (p - 1) + ", outside '0'..'o'");
        }
        value |= (long) (group & 0x1f) << shift;
        shift += 5;
        if (shift > 40) {
          throw new IllegalArgumentException("compressed RLE has a number too long at " + p);
        }
      } while ((group & 0x20) != 0);
      if ((group & 0x10) != 0) {
        value |= -1L << shift;
      }
      if (n > 2) {
        value += counts[n - 2];
      }
      if (value < 0 || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("compressed RLE run " + n + " is " + value);
      }
      counts[n++] = (int) value;
    }
    return java.util.Arrays.copyOf(counts, n);
  }

  /** The compressed string form of run lengths (the inverse of {@link #decodeString}). */
  public static String encodeString(int[] counts) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      long value = i > 2 ? (long) counts[i] - counts[i - 2] : counts[i];
      boolean more;
      do {
        int group = (int) (value & 0x1f);
        value >>= 5;
        // Stop once the rest is pure sign extension of this group's top data bit.
        more = (group & 0x10) != 0 ? value != -1 : value != 0;
        s.append((char) (FIRST + (more ? group | 0x20 : group)));
      } while (more);
    }
    return s.toString();
  }

  /**
   * Checks that no run is negative and that the runs add up to the area.
   *
   * @throws IllegalArgumentException if not
   */
  public static void checkRuns(int[] counts, int height, int width) {
    long total = 0;
    for (int c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("RLE has a negative run " + c);
      }
      total += c;
    }
    if (total != (long) height * width) {
      throw new IllegalArgumentException(
          "RLE runs add up to " + total + " pixels, not " + height + "x" + width);
    }
  }

  /**
   * The mask of column-major runs.
   *
   * @throws IllegalArgumentException if a run is negative or the runs do not add up to the area
   */
  public static CocoMask toMask(int[] counts, int height, int width) {
    checkRuns(counts, height, width);
    CocoMask.Builder b = CocoMask.builder(height, width);
    int position = 0;
    for (int i = 0; i < counts.length; i++) {
      if (i % 2 == 1) {
        for (int k = position; k < position + counts[i]; k++) {
          b.set(k % height, k / height);
        }
      }
      position += counts[i];
    }
    return b.build();
  }
}
