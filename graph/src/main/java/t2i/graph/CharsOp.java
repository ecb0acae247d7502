package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.text.TextAlphabet;

/** Text to the character ids of an alphabet, in the graph: what exported models take. */
public final class CharsOp {
  private CharsOp() {}

  /**
   * @param text {@code string [N]}
   * @return {@code int32 [N, alphabet.maxLength()]}, equal to {@link TextAlphabet#encode}
   */
  public static Operand<TInt32> build(Ops tf, TextAlphabet alphabet, Operand<TString> text) {
    return alphabet == TextAlphabet.REED70
        ? ReedCharsOp.build(tf, text)
        : Utf8CharsOp.build(tf, text);
  }
}
