package t2i.training.gan;

import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import t2i.graph.Discriminator;
import t2i.graph.GanConfig;
import t2i.graph.GanLoss;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.training.BatchTensors;
import t2i.training.ImageGeometry;
import t2i.training.optim.Adam;

/**
 * The GAN's training graph. D is applied to real/right, real/wrong and fake/right pairs (and
 * nothing else: the interpolated fakes train G only), each application with its own batch
 * statistics; G is applied to the right text and, for GAN-INT, to interpolated text. Two train ops:
 * {@code train_d} (D's Adam on L_D, D's moving statistics) and {@code train_g} (G's Adam on L_G,
 * G's moving statistics), run one after the other each step. A sampling path applies G in inference
 * mode to fed noise and text.
 */
final class GanGraph {
  final Graph graph = new Graph();
  final Placeholder<TFloat32> images;
  final Placeholder<TFloat32> right;
  final Placeholder<TFloat32> wrong;
  final Placeholder<TFloat32> z;
  final Placeholder<TFloat32> interpolatedText;
  final Placeholder<TFloat32> interpolatedZ;
  final Placeholder<TFloat32> learningRate;
  final Operand<TFloat32> lossD;
  final Operand<TFloat32> lossG;
  final Operand<TFloat32> realScore;
  final Operand<TFloat32> fakeScore;
  final Op trainD;
  final Op trainG;
  final Placeholder<TFloat32> sampleZ;
  final Placeholder<TFloat32> sampleText;
  final Operand<TFloat32> samples;

  /** Every variable of G, of D (weights and moving statistics). */
  final List<Variable<TFloat32>> generatorVariables;

  final List<Variable<TFloat32>> discriminatorVariables;
  private final boolean interpolates;
  private final ImageGeometry geometry;
  private final int embeddingDim;
  private final int zDim;

  /**
   * One step's inputs, row-major: images {@code [n, side, side, channels]} of the config's geometry
   * in [−1, 1], texts, noise.
   */
  record StepInputs(
      int n,
      float[] images,
      float[] right,
      float[] wrong,
      float[] z,
      float[] mixed,
      float[] zMixed,
      float learningRate) {
    /** Uniform images in [−1, 1], normal texts and noise: the real shapes without a dataset. */
    static StepInputs random(GanTrainingConfig config, int n, SplittableRandom random) {
      int e = config.gan().embeddingDim();
      int zDim = config.gan().zDim();
      float[] images = new float[n * ImageGeometry.of(config.gan()).values()];
      for (int i = 0; i < images.length; i++) {
        images[i] = (float) (random.nextDouble() * 2 - 1);
      }
      return new StepInputs(
          n,
          images,
          Noise.normal(random, n * e),
          Noise.normal(random, n * e),
          Noise.normal(random, n * zDim),
          Noise.normal(random, n / 2 * e),
          Noise.normal(random, n / 2 * zDim),
          config.learningRate());
    }
  }

  /** What a step reports: both losses, and D's mean probability on real/right and fake pairs. */
  record Losses(double lossD, double lossG, double realScore, double fakeScore) {}

  /** The training graph for any batch size. */
  GanGraph(GanTrainingConfig c) {
    this(c, -1);
  }

  /**
   * @param batch the batch size fixed in the placeholders' shapes (−1: any), so that every op's
   *     shape is static (for counting operations)
   */
  GanGraph(GanTrainingConfig c, int batch) {
    GanConfig g = c.gan();
    Ops tf = Ops.create(graph);
    int e = g.embeddingDim();
    interpolates = c.interpolates();
    geometry = ImageGeometry.of(g);
    embeddingDim = e;
    zDim = g.zDim();
    int half = batch < 0 ? -1 : batch / 2;
    images = placeholder(tf, "images", geometry.batch(batch));
    right = placeholder(tf, "right_text", Shape.of(batch, e));
    wrong = placeholder(tf, "wrong_text", Shape.of(batch, e));
    z = placeholder(tf, "z", Shape.of(batch, g.zDim()));
    interpolatedText = placeholder(tf, "interpolated_text", Shape.of(half, e));
    interpolatedZ = placeholder(tf, "interpolated_z", Shape.of(half, g.zDim()));
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    sampleZ = placeholder(tf, "sample_z", Shape.of(-1, g.zDim()));
    sampleText = placeholder(tf, "sample_text", Shape.of(-1, e));

    Network gen = new Network(tf, Generator.PREFIX, Mode.TRAINING, c.seed());
    Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, c.seed() + 1);
    Operand<TFloat32> fake = Generator.build(gen, g, z, right);
    // The real images' trunk features serve both their right and their wrong texts: the same
    // function as two trunks on the same images (batch statistics included), run once.
    Operand<TFloat32> realFeatures = Discriminator.features(disc, g, images);
    Operand<TFloat32> sr = Discriminator.score(disc, g, realFeatures, right);
    Operand<TFloat32> sf = Discriminator.build(disc.reuse(), g, fake, right);
    Operand<TFloat32> sw =
        c.matchingAware() ? Discriminator.score(disc.reuse(), g, realFeatures, wrong) : null;
    Operand<TFloat32> si = null;
    if (c.interpolates()) {
      Operand<TFloat32> fakeInterpolated =
          Generator.build(gen.reuse(), g, interpolatedZ, interpolatedText);
      si = Discriminator.build(disc.reuse(), g, fakeInterpolated, interpolatedText);
    }
    lossD = tf.withName("loss_d").identity(GanLoss.discriminator(tf, sr, sw, sf));
    lossG = tf.withName("loss_g").identity(GanLoss.generator(tf, sf, si));
    realScore = tf.math.mean(tf.math.sigmoid(sr), tf.constant(0));
    fakeScore = tf.math.mean(tf.math.sigmoid(sf), tf.constant(0));
    generatorVariables = gen.all();
    discriminatorVariables = disc.all();
    Adam adam = Adam.withBeta1(c.beta1());
    trainD = adam.minimize(tf, lossD, disc, learningRate, "optimizer_d", "train_d");
    trainG = adam.minimize(tf, lossG, gen, learningRate, "optimizer_g", "train_g");
    samples =
        tf.withName("samples")
            .identity(Generator.build(gen.reuse(Mode.INFERENCE), g, sampleZ, sampleText));
  }

  /** One D update, then one G update on the same inputs. */
  Losses step(Session session, StepInputs in) {
    return step(session, in, null);
  }

  /**
   * One step, traced when {@code traces} is not null: both runs' {@code RunMetadata} (TF's
   * FULL_TRACE step statistics) are added to it.
   */
  Losses step(Session session, StepInputs in, List<RunMetadata> traces) {
    int n = in.n();
    int half = n / 2;
    try (TFloat32 x =
            TFloat32.tensorOf(geometry.batch(n), DataBuffers.of(in.images(), true, false));
        TFloat32 r = BatchTensors.matrix(in.right(), n, embeddingDim);
        TFloat32 w = BatchTensors.matrix(in.wrong(), n, embeddingDim);
        TFloat32 noise = BatchTensors.matrix(in.z(), n, zDim);
        TFloat32 m = BatchTensors.matrix(in.mixed(), half, embeddingDim);
        TFloat32 mNoise = BatchTensors.matrix(in.zMixed(), half, zDim);
        TFloat32 rate = TFloat32.scalarOf(in.learningRate())) {
      double dLoss;
      double dReal;
      double dFake;
      try (Result d =
          run(
              session
                  .runner()
                  .feed(images, x)
                  .feed(right, r)
                  .feed(wrong, w)
                  .feed(z, noise)
                  .feed(learningRate, rate)
                  .addTarget(trainD)
                  .fetch(lossD)
                  .fetch(realScore)
                  .fetch(fakeScore),
              traces)) {
        dLoss = ((TFloat32) d.get(0)).getFloat();
        dReal = ((TFloat32) d.get(1)).getFloat();
        dFake = ((TFloat32) d.get(2)).getFloat();
      }
      Session.Runner g =
          session
              .runner()
              .feed(right, r)
              .feed(z, noise)
              .feed(learningRate, rate)
              .addTarget(trainG)
              .fetch(lossG);
      if (interpolates) {
        g.feed(interpolatedText, m).feed(interpolatedZ, mNoise);
      }
      try (Result gr = run(g, traces)) {
        return new Losses(dLoss, ((TFloat32) gr.get(0)).getFloat(), dReal, dFake);
      }
    }
  }

  private static Result run(Session.Runner runner, List<RunMetadata> traces) {
    if (traces == null) {
      return runner.run();
    }
    Result r =
        runner
            .setOptions(
                RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build())
            .runAndFetchMetadata();
    r.getMetadata().ifPresent(traces::add);
    return r;
  }

  private static Placeholder<TFloat32> placeholder(Ops tf, String name, Shape shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
  }
}
