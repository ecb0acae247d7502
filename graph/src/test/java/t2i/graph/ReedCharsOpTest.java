package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.text.ReedAlphabet;

/** The in-graph encoding equals the Java one on the texts that are easy to get wrong. */
class ReedCharsOpTest {
  static final List<String> TEXTS =
      List.of(
          "A small Bird with a RED crown!",
          "",
          "日本語 🌹 only unknown ... except these",
          "🌹🌹🌹",
          "Café au lait: naïve – déjà vu",
          "x".repeat(150) + "é".repeat(100) + "y".repeat(100),
          "tab\tand\nnewline and the dash - and K\u212A",
          "{[(<brackets>)]} \\ | ` ~ ^ % $ # @ ; ' \" / _ + = * & ? ! , .");

  @Test
  void matchesReedAlphabetEncode() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class);
      Operand<TInt32> ids = ReedCharsOp.build(tf, text);
      check(s, text, ids, TEXTS);
      check(s, text, ids, List.of("a batch of one"));
      check(s, text, ids, List.of(""));
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void check(Session s, Placeholder<TString> text, Operand ids, List<String> texts) {
    try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(new String[0])));
        Result r = s.runner().feed(text, in).fetch(ids).run()) {
      TInt32 out = (TInt32) r.get(0);
      assertEquals(texts.size(), out.shape().get(0));
      assertEquals(ReedAlphabet.MAX_LENGTH, out.shape().get(1));
      for (int i = 0; i < texts.size(); i++) {
        int[] row = new int[ReedAlphabet.MAX_LENGTH];
        for (int j = 0; j < row.length; j++) {
          row[j] = out.getInt(i, j);
        }
        assertArrayEquals(
            ReedAlphabet.encode(texts.get(i)), row, "text " + i + ": " + texts.get(i));
      }
    }
  }
}
