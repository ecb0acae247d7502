package t2i.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/** Items spread evenly over a list, the first included: what sample grids and pictures show. */
public final class EvenlySpaced {
  private EvenlySpaced() {}

  /** {@code min(count, size)} indices {@code i * size / n}, in order. */
  public static int[] indices(int size, int count) {
    checkArgument(size >= 0 && count >= 0, "size %s and count %s must be >= 0", size, count);
    int n = Math.min(count, size);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) ((long) i * size / n);
    }
    return out;
  }

  /** The items at {@link #indices}. */
  public static <T> List<T> of(List<T> all, int count) {
    List<T> out = new ArrayList<>();
    for (int i : indices(all.size(), count)) {
      out.add(all.get(i));
    }
    return out;
  }
}
