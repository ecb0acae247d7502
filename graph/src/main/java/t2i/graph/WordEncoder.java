package t2i.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.sparse.SparseSlice;
import org.tensorflow.op.strings.StringSplit;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A caption encoder over words, all in the graph so that an export takes plain text: lower case,
 * every run of characters but a–z and 0–9 made a space, split on whitespace (StringSplitV2 with an
 * empty separator: no empty words), each word hashed into {@code buckets} (TF's {@code
 * StringToHashBucketFast}, FarmHash's Fingerprint64), embedded, and read by an LSTM forwards and
 * one backwards over the first {@code maxWords} words; padding leaves a state unchanged. The output
 * is a linear map of both final states. Word order reaches the output, which a box generator needs
 * to tell "a dog left of a cat" from "a cat left of a dog". Variables ({@code <net>_}): {@code
 * words}, {@code forward_*}, {@code backward_*}, {@code proj_*}.
 */
public final class WordEncoder {
  private WordEncoder() {}

  /** Word ids {@code int32 [N, maxWords]}: bucket + 1, 0 for padding. */
  public static Operand<TInt32> wordIds(Ops tf, WordEncoderConfig c, Operand<TString> text) {
    Operand<TString> clean =
        tf.strings.regexReplace(
            tf.strings.lower(text), tf.constant("[^a-z0-9]+"), tf.constant(" "));
    StringSplit words = tf.strings.stringSplit(clean, tf.constant(""));
    Operand<TInt64> n = tf.dtypes.cast(tf.shape(text), TInt64.class);
    Operand<TInt64> shape =
        tf.concat(List.of(n, tf.constant(new long[] {c.maxWords()})), tf.constant(0));
    SparseSlice<TString> kept =
        tf.sparse.sparseSlice(
            words.indices(), words.values(), words.shape(), tf.constant(new long[] {0, 0}), shape);
    Operand<TInt64> ids =
        tf.math.add(
            tf.strings.toHashBucketFast(kept.outputValues(), (long) c.buckets()), tf.constant(1L));
    return tf.dtypes.cast(
        tf.sparse.sparseToDense(kept.outputIndices(), shape, ids, tf.constant(0L)), TInt32.class);
  }

  /**
   * @param text {@code string [N]}
   * @return the embedding, {@code float32 [N, embeddingDim]}
   */
  public static Operand<TFloat32> build(Network net, WordEncoderConfig c, Operand<TString> text) {
    Ops tf = net.tf();
    Init init = Init.uniform(c.initLimit());
    Operand<TInt32> ids = wordIds(tf, c, text);
    Operand<TFloat32> table = net.weight("words", Shape.of(c.buckets() + 1, c.wordDim()), init);
    Operand<TFloat32> embedded = tf.gather(table, ids, tf.constant(0)); // [N, W, E]
    List<Operand<TFloat32>> steps =
        new ArrayList<>(tf.unstack(embedded, (long) c.maxWords(), Unstack.axis(1L)).output());
    List<Operand<TBool>> real = new ArrayList<>();
    for (Operand<TInt32> id : tf.unstack(ids, (long) c.maxWords(), Unstack.axis(1L)).output()) {
      real.add(tf.expandDims(tf.math.greater(id, tf.constant(0)), tf.constant(1)));
    }
    Operand<TFloat32> forward =
        read(tf, LstmCell.dense(net, "forward", spec(c, init)), c.hidden(), steps, real, false);
    Operand<TFloat32> backward =
        read(tf, LstmCell.dense(net, "backward", spec(c, init)), c.hidden(), steps, real, true);
    return Layers.dense(
        net,
        "proj",
        tf.concat(List.of(forward, backward), tf.constant(1)),
        DenseSpec.of(2 * c.hidden(), c.embeddingDim(), init).withBias(init));
  }

  private static DenseSpec spec(WordEncoderConfig c, Init init) {
    return DenseSpec.of(c.wordDim(), c.hidden(), init);
  }

  /** The final h of the cell over the real steps, in order or reversed. */
  private static Operand<TFloat32> read(
      Ops tf,
      LstmCell cell,
      int hidden,
      List<Operand<TFloat32>> steps,
      List<Operand<TBool>> real,
      boolean reversed) {
    int n = steps.size();
    Operand<TInt32> batch =
        tf.slice(tf.shape(steps.get(0)), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    Operand<TFloat32> zeros =
        tf.fill(
            tf.concat(List.of(batch, tf.constant(new int[] {hidden})), tf.constant(0)),
            tf.constant(0f));
    LstmState state = new LstmState(zeros, zeros);
    for (int i = 0; i < n; i++) {
      int t = reversed ? n - 1 - i : i;
      LstmState next = cell.step(steps.get(t), state);
      Operand<TBool> keep = tf.broadcastTo(real.get(t), tf.shape(next.h()));
      state =
          new LstmState(tf.select(keep, next.h(), state.h()), tf.select(keep, next.c(), state.c()));
    }
    return state.h();
  }
}
