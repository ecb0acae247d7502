package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A max-pooling window.
 *
 * @param size window side (2-D) or width (1-D)
 * @param stride step of the window
 * @param padding border handling
 */
public record PoolSpec(int size, int stride, Padding padding) {
  public PoolSpec {
    checkArgument(size > 0, "size must be > 0, was %s", size);
    checkArgument(stride > 0, "stride must be > 0, was %s", stride);
    checkNotNull(padding, "padding");
  }

  /** Non-overlapping windows ({@code stride = size}), {@code VALID}. */
  public static PoolSpec of(int size) {
    return new PoolSpec(size, size, Padding.VALID);
  }

  public PoolSpec withStride(int stride) {
    return new PoolSpec(size, stride, padding);
  }

  public PoolSpec withPadding(Padding padding) {
    return new PoolSpec(size, stride, padding);
  }
}
