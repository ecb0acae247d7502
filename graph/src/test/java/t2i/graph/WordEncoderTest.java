package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;

class WordEncoderTest {
  static final WordEncoderConfig C = new WordEncoderConfig(1000, 6, 4, 5, 3, 0.3f);

  /** TF's StringToHashBucketFast: FarmHash Fingerprint64 modulo the buckets, unsigned; +1. */
  static int id(String word) {
    long h = Hashing.farmHashFingerprint64().hashString(word, StandardCharsets.UTF_8).asLong();
    return (int) Long.remainderUnsigned(h, C.buckets()) + 1;
  }

  static int[][] ids(List<String> texts) {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class);
      Operand<TInt32> ids = WordEncoder.wordIds(tf, C, text);
      try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(new String[0])));
          Result r = s.runner().feed(text, in).fetch(ids).run()) {
        TInt32 out = (TInt32) r.get(0);
        int[][] rows = new int[texts.size()][C.maxWords()];
        for (int i = 0; i < rows.length; i++) {
          for (int j = 0; j < C.maxWords(); j++) {
            rows[i][j] = out.getInt(i, j);
          }
        }
        return rows;
      }
    }
  }

  @Test
  void wordsAreLowerCasedSplitOnNonAlphanumericsHashedAndCut() {
    int[][] rows =
        ids(
            List.of(
                "A dog, to the LEFT of   an apple!",
                "",
                "one two three four five six seven eight",
                "2 cats"));
    assertArrayEquals(
        new int[] {id("a"), id("dog"), id("to"), id("the"), id("left"), id("of")}, rows[0]);
    assertArrayEquals(new int[6], rows[1]);
    assertArrayEquals(
        new int[] {id("one"), id("two"), id("three"), id("four"), id("five"), id("six")}, rows[2]);
    assertArrayEquals(new int[] {id("2"), id("cats"), 0, 0, 0, 0}, rows[3]);
  }

  @Test
  void wordOrderChangesTheEmbeddingAndPaddingDoesNot() {
    List<String> texts =
        List.of(
            "a dog left of a cat",
            "a cat left of a dog",
            "a dog left of a cat",
            "a much longer caption than that");
    float[][] e;
    float[][] alone;
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text = tf.placeholder(TString.class);
      Network net = new Network(tf, "w", Mode.INFERENCE, 7);
      Operand<TFloat32> out = WordEncoder.build(net, C, text);
      e = run(s, text, out, texts);
      alone = run(s, text, out, List.of("a dog left of a cat"));
    }
    assertTrue(distance(e[0], e[1]) > 1e-3, "order must matter");
    assertArrayEquals(e[0], e[2], 0f);
    assertArrayEquals(e[0], alone[0], 1e-6f);
  }

  private static float[][] run(
      Session s, Placeholder<TString> text, Operand<TFloat32> out, List<String> texts) {
    try (TString in = TString.tensorOf(NdArrays.vectorOfObjects(texts.toArray(new String[0])));
        Result r = s.runner().feed(text, in).fetch(out).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[][] rows = new float[texts.size()][C.embeddingDim()];
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < C.embeddingDim(); j++) {
          rows[i][j] = t.getFloat(i, j);
        }
      }
      assertEquals(C.embeddingDim(), t.shape().get(1));
      return rows;
    }
  }

  private static double distance(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(d);
  }
}
