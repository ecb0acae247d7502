package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A recurrent layer.
 *
 * @param cell the recurrence
 * @param in input features per step
 * @param hidden state size
 * @param init how every weight and bias starts
 */
public record RnnSpec(Layers.Cell cell, int in, int hidden, Init init) {
  public RnnSpec {
    checkNotNull(cell, "cell");
    checkArgument(in > 0 && hidden > 0, "in and hidden must be > 0, were %s and %s", in, hidden);
    checkNotNull(init, "init");
  }
}
