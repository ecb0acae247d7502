package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.strings.UnicodeDecode;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A batch of strings decoded to code points in the graph, flat: invalid UTF-8 becomes U+FFFD.
 *
 * @param values every code point of the batch, row after row, {@code int32 [M]}
 * @param splits where each row starts, and the end, {@code int32 [N + 1]}
 * @param rows the row of each code point, {@code int32 [M]}
 * @param index 0 .. M − 1, {@code int32 [M]}
 * @param count the rows, N, a scalar
 */
record CodePoints(
    Operand<TInt32> values,
    Operand<TInt32> splits,
    Operand<TInt32> rows,
    Operand<TInt32> index,
    Operand<TInt32> count) {
  /** {@code text} ({@code string [N]}) decoded. */
  static CodePoints decode(Ops tf, Operand<TString> text) {
    UnicodeDecode<TInt64> decoded =
        tf.strings.unicodeDecode(
            text,
            "UTF-8",
            TInt64.class,
            UnicodeDecode.errors("replace"),
            UnicodeDecode.replacementChar(0xFFFDL));
    Operand<TInt32> splits = tf.dtypes.cast(decoded.rowSplits(), TInt32.class);
    Operand<TInt32> values = decoded.charValues();
    Operand<TInt32> index = tf.range(tf.constant(0), tf.size(values), tf.constant(1));
    Operand<TInt32> rowEnds =
        tf.expandDims(
            tf.slice(splits, tf.constant(new int[] {1}), tf.constant(new int[] {-1})),
            tf.constant(0)); // [1, N]
    Operand<TInt32> rows =
        tf.reshape(
            tf.upperBound(rowEnds, tf.expandDims(index, tf.constant(0))),
            tf.constant(new int[] {-1}));
    Operand<TInt32> count = tf.math.sub(tf.size(splits), tf.constant(1));
    return new CodePoints(values, splits, rows, index, count);
  }
}
