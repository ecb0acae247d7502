package t2i.training.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import t2i.graph.GanConfig;
import t2i.training.BatchTensors;
import t2i.training.Sessions;

/** train_d moves only D's variables, train_g only G's, and each moves all of its own. */
class GanGraphUpdatesTest {
  static final int N = 4;

  static GanTrainingConfig config() {
    return GanTrainingConfig.builder("unused", "unused", 16)
        .gan(GanConfig.tiny().withEmbeddingDim(16))
        .batchSize(N)
        .learningRate(1e-2f)
        .seed(1)
        .flip(false)
        .build();
  }

  @Test
  void eachUpdateChangesItsOwnNetworkAndLeavesTheOtherBitIdentical() {
    GanGraph graph = new GanGraph(config());
    try (Session session = Sessions.open(graph.graph, 1, null)) {
      SplittableRandom random = new SplittableRandom(5);
      List<float[]> g0 = values(session, graph.generatorVariables);
      List<float[]> d0 = values(session, graph.discriminatorVariables);

      run(session, graph, random, true);
      List<float[]> g1 = values(session, graph.generatorVariables);
      List<float[]> d1 = values(session, graph.discriminatorVariables);
      assertSame(g0, g1, "train_d changed G");
      assertAllChanged(d0, d1, graph.discriminatorVariables, "train_d");

      run(session, graph, random, false);
      List<float[]> g2 = values(session, graph.generatorVariables);
      List<float[]> d2 = values(session, graph.discriminatorVariables);
      assertSame(d1, d2, "train_g changed D");
      assertAllChanged(g1, g2, graph.generatorVariables, "train_g");
    } finally {
      graph.graph.close();
    }
  }

  @Test
  void theModernRecipeTrainsEveryVariableAndAveragesGAfterItsStep() {
    GanTrainingConfig c =
        GanTrainingConfig.builder("unused", "unused", 16)
            .gan(GanConfig.tiny().withEmbeddingDim(16))
            .batchSize(N)
            .learningRate(1e-2f)
            .seed(1)
            .flip(false)
            .recipe(GanRecipe.modern())
            .build();
    GanGraph graph = new GanGraph(c);
    try (Session session = Sessions.open(graph.graph, 1, null)) {
      assertTrue(graph.generatorVariables.get(0).op().name().startsWith("genlive_"));
      assertTrue(graph.averagedGeneratorVariables.get(0).op().name().startsWith("gen_"));
      assertTrue(
          graph.discriminatorVariables.stream().anyMatch(v -> v.op().name().endsWith("_sn_u")));
      List<float[]> live0 = values(session, graph.generatorVariables);
      List<float[]> avg0 = values(session, graph.averagedGeneratorVariables);
      assertSame(live0, avg0, "the average starts at G's own initial weights");
      List<float[]> d0 = values(session, graph.discriminatorVariables);

      GanGraph.StepInputs in = GanGraph.StepInputs.random(c, N, new SplittableRandom(5));
      graph.step(session, in);
      List<float[]> live1 = values(session, graph.generatorVariables);
      List<float[]> avg1 = values(session, graph.averagedGeneratorVariables);
      // While every margin is active (|s| < 1, as at the start), the hinge loss's gradient for
      // the logit's bias is −1 + (1 + 1)/2 = 0: that one variable may rightly stay put.
      List<float[]> d1 = values(session, graph.discriminatorVariables);
      for (int k = 0; k < d0.size(); k++) {
        String name = graph.discriminatorVariables.get(k).op().name();
        if (!name.equals("disc_logit_b")) {
          assertFalse(Arrays.equals(d0.get(k), d1.get(k)), "train_d left " + name + " unchanged");
        }
      }
      assertAllChanged(live0, live1, graph.generatorVariables, "train_g");
      float d = in.emaDecay();
      assertEquals(0.1f, d, 1e-6f);
      for (int i = 0; i < avg1.size(); i++) {
        for (int j = 0; j < avg1.get(i).length; j++) {
          float expected = d * avg0.get(i)[j] + (1 - d) * live1.get(i)[j];
          assertEquals(expected, avg1.get(i)[j], 1e-6f + 1e-5f * Math.abs(expected));
        }
      }
    } finally {
      graph.graph.close();
    }
  }

  private static void run(Session s, GanGraph g, SplittableRandom random, boolean discriminator) {
    GanTrainingConfig c = config();
    int e = c.gan().embeddingDim();
    int z = c.gan().zDim();
    float[] images = new float[N * 64 * 64 * 3];
    for (int i = 0; i < images.length; i++) {
      images[i] = (float) random.nextDouble(-1, 1);
    }
    try (TFloat32 x =
            TFloat32.tensorOf(Shape.of(N, 64, 64, 3), DataBuffers.of(images, true, false));
        TFloat32 right = BatchTensors.matrix(Noise.normal(random, N * e), N, e);
        TFloat32 wrong = BatchTensors.matrix(Noise.normal(random, N * e), N, e);
        TFloat32 noise = BatchTensors.matrix(Noise.normal(random, N * z), N, z);
        TFloat32 mixed = BatchTensors.matrix(Noise.normal(random, N / 2 * e), N / 2, e);
        TFloat32 mixedNoise = BatchTensors.matrix(Noise.normal(random, N / 2 * z), N / 2, z);
        TFloat32 lr = TFloat32.scalarOf(c.learningRate())) {
      Session.Runner r = s.runner().feed(g.right, right).feed(g.z, noise).feed(g.learningRate, lr);
      if (discriminator) {
        r.feed(g.images, x).feed(g.wrong, wrong).addTarget(g.trainD);
      } else {
        r.feed(g.interpolatedText, mixed).feed(g.interpolatedZ, mixedNoise).addTarget(g.trainG);
      }
      r.run();
    }
  }

  private static List<float[]> values(Session s, List<Variable<TFloat32>> vars) {
    List<float[]> out = new ArrayList<>();
    for (Variable<TFloat32> v : vars) {
      try (Result r = s.runner().fetch(v).run()) {
        out.add(BatchTensors.floats((TFloat32) r.get(0)));
      }
    }
    return out;
  }

  private static void assertSame(List<float[]> before, List<float[]> after, String message) {
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), message + " (variable " + i + ")");
    }
  }

  private static void assertAllChanged(
      List<float[]> before, List<float[]> after, List<Variable<TFloat32>> vars, String update) {
    for (int i = 0; i < before.size(); i++) {
      assertFalse(
          Arrays.equals(before.get(i), after.get(i)),
          update + " left " + vars.get(i).op().name() + " unchanged");
    }
  }
}
