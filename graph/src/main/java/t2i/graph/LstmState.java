package t2i.graph;

import static com.google.common.base.Preconditions.checkNotNull;

import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * The state of an {@link LstmCell} after a step.
 *
 * @param h the output ({@code [N, hidden]}, or {@code [N, H, W, hidden]} for the convolutional
 *     cell)
 * @param c the memory, shaped as {@code h}
 */
public record LstmState(Operand<TFloat32> h, Operand<TFloat32> c) {
  public LstmState {
    checkNotNull(h, "h");
    checkNotNull(c, "c");
  }
}
