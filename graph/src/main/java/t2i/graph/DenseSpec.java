package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A dense layer {@code x · W + b}, {@code [N, in] → [N, out]}.
 *
 * @param in input features
 * @param out output features
 * @param weights how W starts
 * @param bias b, or {@link Bias#NONE}
 */
public record DenseSpec(int in, int out, Init weights, Bias bias) {
  public DenseSpec {
    checkArgument(in > 0 && out > 0, "in and out must be > 0, were %s and %s", in, out);
    checkNotNull(weights, "weights");
    checkNotNull(bias, "bias (Bias.NONE for none)");
  }

  /** W from {@code weights}, b from zeros. */
  public static DenseSpec of(int in, int out, Init weights) {
    return new DenseSpec(in, out, weights, Bias.zeros());
  }

  public DenseSpec withBias(Init init) {
    return new DenseSpec(in, out, weights, Bias.of(init));
  }

  public DenseSpec withoutBias() {
    return new DenseSpec(in, out, weights, Bias.NONE);
  }
}
