package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;

class SeededNoiseTest {
  static final long[] SEEDS = {0, 1, 2, -1, 42, Long.MAX_VALUE, Long.MIN_VALUE, 123456789012345L};

  @Test
  void theGraphGivesJavasNoiseForEverySeed() {
    for (int zDim : new int[] {100, 7}) {
      float[] graph = inGraph(SEEDS, zDim);
      for (int s = 0; s < SEEDS.length; s++) {
        float[] java = SeededNoise.of(SEEDS[s], zDim);
        for (int k = 0; k < zDim; k++) {
          assertEquals(java[k], graph[s * zDim + k], 1e-6, "seed " + SEEDS[s] + " element " + k);
        }
      }
    }
  }

  @Test
  void aSeedsVectorDoesNotDependOnItsBatch() {
    float[] alone = inGraph(new long[] {42}, 100);
    float[] inBatch = inGraph(SEEDS, 100);
    float[] fifth = Arrays.copyOfRange(inBatch, 4 * 100, 5 * 100);
    assertArrayEquals(alone, fifth);
  }

  @Test
  void valuesLookStandardNormal() {
    int n = 2000;
    double sum = 0;
    double squares = 0;
    for (int s = 0; s < n; s++) {
      for (float v : SeededNoise.of(s, 100)) {
        sum += v;
        squares += v * v;
      }
    }
    double mean = sum / (n * 100);
    double variance = squares / (n * 100) - mean * mean;
    assertEquals(0, mean, 0.01);
    assertEquals(1, variance, 0.02);
    assertTrue(SeededNoise.of(1, 100)[0] != SeededNoise.of(2, 100)[0], "seeds differ");
  }

  @Test
  void theGraphsUniformsAreJavasBitForBit() {
    int count = 9;
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat64> u = SeededNoise.uniforms(tf, tf.constant(SEEDS), count);
      try (Result r = session.runner().fetch(u).run()) {
        double[] values = new double[SEEDS.length * count];
        ((TFloat64) r.get(0)).asRawTensor().data().asDoubles().read(values);
        for (int s = 0; s < SEEDS.length; s++) {
          for (int k = 0; k < count; k++) {
            assertEquals(SeededNoise.uniform(SEEDS[s], k), values[s * count + k], 0.0);
          }
        }
      }
    }
  }

  private static float[] inGraph(long[] seeds, int zDim) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TInt64> s = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> z = SeededNoise.build(tf, s, zDim);
      try (Session session = new Session(g);
          TInt64 t = TInt64.tensorOf(Shape.of(seeds.length), DataBuffers.of(seeds, true, false));
          Result r = session.runner().feed(s, t).fetch(z).run()) {
        TFloat32 out = (TFloat32) r.get(0);
        float[] values = new float[(int) out.shape().size()];
        out.asRawTensor().data().asFloats().read(values);
        return values;
      }
    }
  }
}
