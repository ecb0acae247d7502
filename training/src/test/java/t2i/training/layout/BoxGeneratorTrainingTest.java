package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.layout.BoxGenerator;
import t2i.graph.layout.BoxGeneratorConfig;
import t2i.training.optim.Adam;
import t2i.training.optim.GradientBarrier;

class BoxGeneratorTrainingTest {
  static final ConfigProto ONE_THREAD =
      ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(1)
          .setInterOpParallelismThreads(1)
          .build();

  @Test
  void adamStepsOnClippedGradientsLowerTheLossOfAHandSetBatch() {
    int classes = 3;
    int steps = 3;
    try (Graph g = new Graph();
        Session s = new Session(g, ONE_THREAD)) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, BoxGenerator.PREFIX, Mode.TRAINING, 1);
      BoxGenerator gen = new BoxGenerator(net, BoxGeneratorConfig.tiny(4, classes, steps));
      Operand<TFloat32> sentence =
          tf.constant(new float[][] {{1f, -0.5f, 0.2f, 0f}, {-0.3f, 0.8f, 0f, 0.5f}});
      // Row 0: two objects and the end; row 1: one object, the end, padding.
      Operand<TFloat32> loss =
          gen.loss(
                  sentence,
                  tf.constant(new int[][] {{0, 2, classes}, {1, classes, 0}}),
                  tf.constant(
                      Shape.of(2, steps, 4),
                      DataBuffers.of(
                          0.2f, 0.6f, 0.2f, 0.3f, 0.7f, 0.2f, 0.2f, 0.2f, 0f, 0f, 0f, 0f, //
                          0.5f, 0.5f, 0.4f, 0.4f, 0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f)))
              .total();
      List<Operand<TFloat32>> grads = gen.clippedGradients(loss);
      Op barrier = GradientBarrier.after(tf, grads, "boxgen_gradients_done");
      Op train =
          Adam.withBeta1(0.9f)
              .apply(tf, net.trainable(), grads, tf.constant(0.01f), barrier, "boxgen_adam");
      float before = value(s, loss);
      for (int i = 0; i < 50; i++) {
        s.runner().addTarget(train).run();
      }
      float after = value(s, loss);
      assertTrue(after < before - 1f, "loss " + before + " → " + after);
    }
  }

  private static float value(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }
}
