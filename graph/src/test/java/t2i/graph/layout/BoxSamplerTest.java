package t2i.graph.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import t2i.graph.GraphTesting;
import t2i.graph.Mode;
import t2i.graph.Network;

class BoxSamplerTest {
  static final int D = 4;
  static final int CLASSES = 3;
  static final int STEPS = 5;

  /** Sampled labels, boxes and counts of one batch. */
  record Sampled(int[] labels, float[] boxes, int[] counts) {}

  /** Samples batches from one graph; {@code endBias} is added to the end class's logit. */
  static Sampled[] sample(float endBias, float[][] sentences, long[][] seeds) {
    try (Graph g = new Graph();
        Session s = new Session(g, GraphTesting.ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, BoxGenerator.PREFIX, Mode.INFERENCE, 9);
      BoxGenerator gen =
          new BoxGenerator(net, BoxGeneratorConfig.tiny(D, CLASSES, STEPS).withInitLimit(0.5f));
      Placeholder<TFloat32> sentence =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, D)));
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      BoxSampler.Layout layout = new BoxSampler(gen).sample(sentence, seed, tf.constant(1f));
      Variable<TFloat32> labelBias =
          net.trainable().stream()
              .filter(v -> v.op().name().equals("boxgen_label_b"))
              .findFirst()
              .orElseThrow();
      float[] bias = new float[CLASSES + 1];
      bias[CLASSES] = endBias;
      Sampled[] out = new Sampled[seeds.length];
      for (int i = 0; i < seeds.length; i++) {
        int n = seeds[i].length;
        try (TFloat32 ts = GraphTesting.tensor(Shape.of(n, D), sentences[i]);
            TInt64 tseed = TInt64.tensorOf(Shape.of(n), DataBuffers.of(seeds[i]));
            TFloat32 tbias = GraphTesting.tensor(Shape.of(CLASSES + 1), bias);
            Result r =
                s.runner()
                    .feed(sentence, ts)
                    .feed(seed, tseed)
                    .feed(labelBias, tbias)
                    .fetch(layout.labels())
                    .fetch(layout.boxes())
                    .fetch(layout.counts())
                    .run()) {
          int[] labels = new int[n * STEPS];
          float[] boxes = new float[n * STEPS * 4];
          int[] counts = new int[n];
          ((TInt32) r.get(0)).asRawTensor().data().asInts().read(labels);
          ((TFloat32) r.get(1)).asRawTensor().data().asFloats().read(boxes);
          ((TInt32) r.get(2)).asRawTensor().data().asInts().read(counts);
          out[i] = new Sampled(labels, boxes, counts);
        }
      }
      return out;
    }
  }

  static float[] rows(int n) {
    return GraphTesting.seeded(n * D, 4, 1f);
  }

  @Test
  void aSeedGivesTheSameLayoutInAnyBatch() {
    float[] three = rows(3);
    float[] last = Arrays.copyOfRange(three, 2 * D, 3 * D);
    Sampled[] s =
        sample(0f, new float[][] {three, last, last}, new long[][] {{7, 8, 9}, {9}, {10}});
    assertArrayEquals(
        Arrays.copyOfRange(s[0].labels(), 2 * STEPS, 3 * STEPS), s[1].labels(), "labels");
    assertArrayEquals(
        Arrays.copyOfRange(s[0].boxes(), 2 * STEPS * 4, 3 * STEPS * 4), s[1].boxes(), 1e-6f);
    assertEquals(s[0].counts()[2], s[1].counts()[0]);
    assertTrue(
        !Arrays.equals(s[1].labels(), s[2].labels()) || !Arrays.equals(s[1].boxes(), s[2].boxes()),
        "another seed, another layout");
  }

  @Test
  void theEndClassStopsTheSequence() {
    int n = 32;
    long[] seeds = new long[n];
    for (int i = 0; i < n; i++) {
      seeds[i] = 100 + i;
    }
    Sampled[] s = sample(0f, new float[][] {rows(n)}, new long[][] {seeds});
    int ended = 0;
    for (int r = 0; r < n; r++) {
      int first = STEPS;
      for (int t = 0; t < STEPS; t++) {
        int label = s[0].labels()[r * STEPS + t];
        if (t >= first) {
          assertEquals(CLASSES, label, "label after the end, row " + r);
        } else if (label == CLASSES) {
          first = t;
        }
        for (int j = 0; j < 4; j++) {
          float v = s[0].boxes()[(r * STEPS + t) * 4 + j];
          if (t >= first) {
            assertEquals(0f, v, "box at or after the end, row " + r);
          } else {
            assertTrue(v >= 0f && v <= 1f, "coordinate " + v);
          }
        }
      }
      assertEquals(first, s[0].counts()[r], "count of row " + r);
      assertTrue(first < STEPS, "the last step is the end, row " + r);
      ended += first < STEPS - 1 ? 1 : 0;
    }
    assertTrue(ended > 0 && ended < n, ended + " of " + n + " rows ended before the last step");

    Sampled[] stopped = sample(30f, new float[][] {rows(n)}, new long[][] {seeds});
    assertArrayEquals(new int[n], stopped[0].counts(), "an overwhelming end logit");
  }
}
