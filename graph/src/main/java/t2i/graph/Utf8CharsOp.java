package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;
import t2i.data.text.Utf8Text;

/**
 * {@link Utf8Text#encodeInto} as graph ops, so that exported models take text in any language:
 * UTF-8 is decoded to code points (invalid bytes become U+FFFD); each code point found in {@link
 * Utf8Text#mappings} (a sorted constant, searched with LowerBound) is replaced by its normalised
 * form, every other one re-encoded as itself; each row's pieces are joined, and its bytes cut or
 * zero-padded to 201 (DecodePaddedRaw).
 */
public final class Utf8CharsOp {
  private Utf8CharsOp() {}

  /**
   * @param text {@code string [N]}
   * @return {@code int32 [N, 201]}, equal to {@link Utf8Text#encodeInto} of each string
   */
  public static Operand<TInt32> build(Ops tf, Operand<TString> text) {
    CodePoints decoded = CodePoints.decode(tf, text);
    Operand<TInt32> codePoints = decoded.values(); // [M]
    Utf8Text.Mappings mappings = Utf8Text.mappings();
    Operand<TInt32> keys = tf.constant(mappings.codePoints()); // [K], ascending
    Operand<TInt32> at =
        tf.reshape(
            tf.lowerBound(
                tf.expandDims(keys, tf.constant(0)), tf.expandDims(codePoints, tf.constant(0))),
            tf.constant(new int[] {-1}));
    Operand<TInt32> slot = tf.math.minimum(at, tf.constant(mappings.codePoints().length - 1));
    Operand<TBool> found = tf.math.equal(tf.gather(keys, slot, tf.constant(0)), codePoints);
    Operand<TString> replaced =
        tf.gather(
            tf.constant(NdArrays.vectorOfObjects(mappings.replacements())), slot, tf.constant(0));
    Operand<TInt32> one = tf.constant(1);
    Operand<TInt32> eachAlone =
        tf.range(tf.constant(0), tf.math.add(tf.size(codePoints), one), one);
    Operand<TString> itself = tf.strings.unicodeEncode(codePoints, eachAlone, "UTF-8");
    Operand<TString> pieces = tf.select(found, replaced, itself);
    Operand<TString> joined =
        tf.strings.unsortedSegmentJoin(pieces, decoded.rows(), decoded.count());
    Operand<TUint8> bytes =
        tf.io.decodePaddedRaw(joined, tf.constant(Utf8Text.MAX_LENGTH), TUint8.class);
    return tf.dtypes.cast(bytes, TInt32.class);
  }
}
