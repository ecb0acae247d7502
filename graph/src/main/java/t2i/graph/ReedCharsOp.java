package t2i.graph;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.text.ReedAlphabet;

/**
 * {@link ReedAlphabet#encode} as graph ops, so that exported models take plain text: UTF-8 is
 * decoded to code points (invalid bytes become U+FFFD); a 129-entry table maps ASCII to Reed ids
 * (upper-case letters to their lower-case ids, everything else to 0) and every other code point to
 * 0; the non-zero ids of each row are packed to the front, cut at 201 and padded with 0.
 */
public final class ReedCharsOp {
  private ReedCharsOp() {}

  /**
   * @param text {@code string [N]}
   * @return {@code int32 [N, 201]}, equal to {@link ReedAlphabet#encode} of each string
   */
  public static Operand<TInt32> build(Ops tf, Operand<TString> text) {
    CodePoints decoded = CodePoints.decode(tf, text);
    Operand<TInt32> splits = decoded.splits(); // [N + 1]
    Operand<TInt32> codePoints = decoded.values(); // [M]
    int[] table = new int[129];
    for (int c = 0; c < 128; c++) {
      table[c] = ReedAlphabet.id(c);
    }
    Operand<TInt32> ids =
        tf.gather(
            tf.constant(table),
            tf.math.minimum(tf.math.maximum(codePoints, tf.constant(0)), tf.constant(128)),
            tf.constant(0));
    Operand<TInt32> zero = tf.constant(new int[] {0});
    Operand<TBool> known = tf.math.greater(ids, tf.constant(0));
    // known[0..m) summed: the position of element m among the known ones of the whole batch
    Operand<TInt32> before =
        tf.concat(
            List.of(zero, tf.math.cumsum(tf.dtypes.cast(known, TInt32.class), tf.constant(0))),
            tf.constant(0)); // [M + 1]
    Operand<TInt32> m = decoded.index();
    Operand<TInt32> rows = decoded.rows(); // [M]
    Operand<TInt32> rowStart =
        tf.gather(before, tf.gather(splits, rows, tf.constant(0)), tf.constant(0));
    Operand<TInt32> position =
        tf.math.sub(tf.gather(before, m, tf.constant(0)), rowStart); // among its row's known
    Operand<TBool> keep =
        tf.math.logicalAnd(known, tf.math.less(position, tf.constant(ReedAlphabet.MAX_LENGTH)));
    Operand<TInt32> kept =
        tf.dtypes.cast(tf.reshape(tf.where(keep), tf.constant(new int[] {-1})), TInt32.class);
    Operand<TInt32> indices =
        tf.stack(
            List.of(
                tf.gather(rows, kept, tf.constant(0)), tf.gather(position, kept, tf.constant(0))),
            Stack.axis(1L));
    Operand<TInt32> shape =
        tf.stack(List.of(decoded.count(), tf.constant(ReedAlphabet.MAX_LENGTH)));
    return tf.scatterNd(indices, tf.gather(ids, kept, tf.constant(0)), shape);
  }
}
