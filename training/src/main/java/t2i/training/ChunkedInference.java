package t2i.training;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.types.TFloat32;

/**
 * Inference over any number of rows in chunks of at most {@link #CHUNK}: each chunk's inputs are
 * fed, one output is fetched, and the chunks' rows are concatenated. The inference models ({@code
 * GanModel}, {@code StyleModel}, {@code EmbeddingModel}) run through it.
 */
public final class ChunkedInference {
  public static final int CHUNK = 64;

  /** The inputs of rows {@code [start, start + count)}: placeholders and tensors, closed after. */
  @FunctionalInterface
  public interface Feeds {
    Map<Operand<?>, Tensor> of(int start, int count);
  }

  /** A float input given as rows, row-major, {@code width} values per row. */
  public record Rows(Operand<TFloat32> input, float[] values, int width) {}

  private final Session session;
  private final Operand<TFloat32> output;

  public ChunkedInference(Session session, Operand<TFloat32> output) {
    this.session = session;
    this.output = output;
  }

  /** The output of {@code n} rows, row-major (each row as many values as the graph gives). */
  public float[] run(int n, Feeds feeds) {
    checkArgument(n >= 0, "n must be >= 0, was %s", n);
    float[] out = new float[0];
    int rowSize = -1;
    for (int start = 0; start < n; start += CHUNK) {
      int count = Math.min(CHUNK, n - start);
      float[] part = runChunk(feeds.of(start, count));
      if (rowSize < 0) {
        rowSize = part.length / count;
        out = new float[Math.multiplyExact(n, rowSize)];
      }
      checkState(
          part.length == count * rowSize,
          "a chunk of %s rows gave %s values, not %s per row",
          count,
          part.length,
          rowSize);
      System.arraycopy(part, 0, out, start * rowSize, part.length);
    }
    return out;
  }

  /** The output of {@code n} rows, each input fed its rows of the chunk. */
  public float[] run(int n, Rows... inputs) {
    return run(
        n,
        (start, count) -> {
          Map<Operand<?>, Tensor> feeds = new LinkedHashMap<>();
          for (Rows rows : inputs) {
            feeds.put(rows.input(), BatchTensors.rows(rows.values(), start, count, rows.width()));
          }
          return feeds;
        });
  }

  private float[] runChunk(Map<Operand<?>, Tensor> inputs) {
    try {
      Session.Runner runner = session.runner();
      inputs.forEach(runner::feed);
      try (Result r = runner.fetch(output).run()) {
        return BatchTensors.floats((TFloat32) r.get(0));
      }
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }
}
