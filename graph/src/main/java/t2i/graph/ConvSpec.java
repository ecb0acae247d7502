package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A convolution (or a transposed one) with a square {@code kernel × kernel} window; for a 1-D
 * convolution over time the window is {@code kernel} steps wide.
 *
 * @param in input channels
 * @param out output channels
 * @param kernel window side
 * @param stride step of the window, the same along both axes
 * @param padding border handling
 * @param weights how the filter starts
 * @param bias a per-channel bias, or {@link Bias#NONE}
 */
public record ConvSpec(
    int in, int out, int kernel, int stride, Padding padding, Init weights, Bias bias) {
  public ConvSpec {
    checkArgument(in > 0 && out > 0, "in and out must be > 0, were %s and %s", in, out);
    checkArgument(kernel > 0, "kernel must be > 0, was %s", kernel);
    checkArgument(stride > 0, "stride must be > 0, was %s", stride);
    checkNotNull(padding, "padding");
    checkNotNull(weights, "weights");
    checkNotNull(bias, "bias (Bias.NONE for none)");
  }

  /** A 1×1 convolution, stride 1, {@code SAME}, filter from {@code weights}, bias from zeros. */
  public static ConvSpec of(int in, int out, Init weights) {
    return new ConvSpec(in, out, 1, 1, Padding.SAME, weights, Bias.zeros());
  }

  public ConvSpec withKernel(int kernel) {
    return new ConvSpec(in, out, kernel, stride, padding, weights, bias);
  }

  public ConvSpec withStride(int stride) {
    return new ConvSpec(in, out, kernel, stride, padding, weights, bias);
  }

  public ConvSpec withPadding(Padding padding) {
    return new ConvSpec(in, out, kernel, stride, padding, weights, bias);
  }

  public ConvSpec withBias(Init init) {
    return new ConvSpec(in, out, kernel, stride, padding, weights, Bias.of(init));
  }

  public ConvSpec withoutBias() {
    return new ConvSpec(in, out, kernel, stride, padding, weights, Bias.NONE);
  }
}
