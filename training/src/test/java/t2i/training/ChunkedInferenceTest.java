package t2i.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

class ChunkedInferenceTest {
  @Test
  void rowsGoThroughInChunksAndComeBackInOrder() {
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      // each row [a, b] gives three values [a, b, a + b]
      var out =
          tf.concat(
              List.of(x, tf.reduceSum(x, tf.constant(1), ReduceSum.keepDims(true))),
              tf.constant(1));
      ChunkedInference inference = new ChunkedInference(s, out);
      int n = 2 * ChunkedInference.CHUNK + 5;
      float[] in = new float[n * 2];
      float[] expected = new float[n * 3];
      for (int i = 0; i < n; i++) {
        in[2 * i] = i;
        in[2 * i + 1] = 1000 + i;
        expected[3 * i] = i;
        expected[3 * i + 1] = 1000 + i;
        expected[3 * i + 2] = 1000 + 2 * i;
      }
      List<Integer> counts = new ArrayList<>();
      float[] got =
          inference.run(
              n,
              (start, count) -> {
                counts.add(count);
                return Map.of(x, BatchTensors.rows(in, start, count, 2));
              });
      assertArrayEquals(expected, got);
      assertEquals(List.of(64, 64, 5), counts);
      assertEquals(0, inference.run(0, (start, count) -> Map.of()).length);
    }
  }
}
