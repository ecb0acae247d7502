package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.DiffAugment;
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
 *
 * <p>The {@link GanRecipe} switches: with the moving average, the trained G is named {@code
 * genlive_*} and the average {@code gen_*} (the names every reader of a GAN checkpoint takes G
 * from, so sampling, evaluation, export and the style encoder all use the average), updated after
 * each G step; with augmentation, every image D sees goes through {@link DiffAugment} with fed
 * draws; spectral norm builds D with {@link Network#withSpectralNorm}; the hinge loss replaces the
 * cross-entropy; TTUR scales the fed rate for each network.
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

  /** Every variable of the trained G, of D (weights and moving statistics). */
  final List<Variable<TFloat32>> generatorVariables;

  final List<Variable<TFloat32>> discriminatorVariables;

  /** The moving average of {@link #generatorVariables}, pair by pair; empty without one. */
  final List<Variable<TFloat32>> averagedGeneratorVariables;

  /** The trained G's prefix when a moving average takes {@link Generator#PREFIX}. */
  static final String LIVE_GENERATOR_PREFIX = "genlive";

  private final Augmentation realAugmentation;
  private final Augmentation fakeAugmentation;
  private final Augmentation mixedAugmentation;
  private final Placeholder<TFloat32> emaDecay;
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
      float learningRate,
      float emaDecay,
      DiffAugment.Draw realAugment,
      DiffAugment.Draw fakeAugment,
      DiffAugment.Draw mixedAugment) {
    /**
     * The augmentation draws of a step for the recipe (none without augmentation), from {@code
     * random} in the order real, fake, mixed.
     */
    static DiffAugment.Draw[] augmentDraws(
        GanTrainingConfig config, int n, SplittableRandom random) {
      if (!config.recipe().augment()) {
        return new DiffAugment.Draw[3];
      }
      DiffAugment a = augmentation(config.gan());
      return new DiffAugment.Draw[] {a.draw(random, n), a.draw(random, n), a.draw(random, n / 2)};
    }

    /** Uniform images in [−1, 1], normal texts and noise: the real shapes without a dataset. */
    static StepInputs random(GanTrainingConfig config, int n, SplittableRandom random) {
      int e = config.gan().embeddingDim();
      int zDim = config.gan().zDim();
      float[] images = new float[n * ImageGeometry.of(config.gan()).values()];
      for (int i = 0; i < images.length; i++) {
        images[i] = (float) (random.nextDouble() * 2 - 1);
      }
      float[] right = Noise.normal(random, n * e);
      float[] wrong = Noise.normal(random, n * e);
      float[] z = Noise.normal(random, n * zDim);
      float[] mixed = Noise.normal(random, n / 2 * e);
      float[] zMixed = Noise.normal(random, n / 2 * zDim);
      DiffAugment.Draw[] draws = augmentDraws(config, n, random);
      return new StepInputs(
          n,
          images,
          right,
          wrong,
          z,
          mixed,
          zMixed,
          config.learningRate(),
          config.recipe().emaDecayAt(0),
          draws[0],
          draws[1],
          draws[2]);
    }
  }

  /** The augmentation D's inputs go through, for images of the network's geometry. */
  static DiffAugment augmentation(GanConfig g) {
    return new DiffAugment(g.imageSize(), g.imageChannels());
  }

  /** One application's fed draws: source pixels and cut-out mask. */
  private record Augmentation(
      DiffAugment augment, Placeholder<TInt32> sources, Placeholder<TFloat32> mask) {
    static Augmentation of(Ops tf, DiffAugment augment, String name) {
      return new Augmentation(
          augment,
          tf.withName(name + "_sources").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))),
          tf.withName(name + "_mask")
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(Shape.of(-1, augment.side(), augment.side(), 1))));
    }

    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images) {
      return augment.apply(tf, images, sources, mask);
    }

    /** A draw as tensors, made once per step and fed to both updates; closed by the caller. */
    Feed tensors(DiffAugment.Draw draw, List<Tensor> owned) {
      TInt32 s = TInt32.tensorOf(Shape.of(draw.sources().length), DataBuffers.of(draw.sources()));
      owned.add(s);
      TFloat32 m =
          TFloat32.tensorOf(
              Shape.of(draw.n(), augment.side(), augment.side(), 1),
              DataBuffers.of(draw.mask(), true, false));
      owned.add(m);
      return new Feed(this, s, m);
    }
  }

  /** One augmentation's tensors for a step. */
  private record Feed(Augmentation augmentation, TInt32 sources, TFloat32 mask) {
    void into(Session.Runner runner) {
      runner.feed(augmentation.sources(), sources).feed(augmentation.mask(), mask);
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

    GanRecipe recipe = c.recipe();
    boolean ema = recipe.ema();
    Network gen =
        ema
            ? Network.seededAs(tf, LIVE_GENERATOR_PREFIX, Generator.PREFIX, Mode.TRAINING, c.seed())
            : new Network(tf, Generator.PREFIX, Mode.TRAINING, c.seed());
    Network disc = new Network(tf, Discriminator.PREFIX, Mode.TRAINING, c.seed() + 1);
    if (recipe.spectralNorm()) {
      disc = disc.withSpectralNorm();
    }
    if (recipe.augment()) {
      DiffAugment a = augmentation(g);
      realAugmentation = Augmentation.of(tf, a, "augment_real");
      fakeAugmentation = Augmentation.of(tf, a, "augment_fake");
      mixedAugmentation = Augmentation.of(tf, a, "augment_mixed");
    } else {
      realAugmentation = null;
      fakeAugmentation = null;
      mixedAugmentation = null;
    }
    Operand<TFloat32> fake = Generator.build(gen, g, z, right);
    // The real images' trunk features serve both their right and their wrong texts: the same
    // function as two trunks on the same images (batch statistics included), run once.
    Operand<TFloat32> realFeatures =
        Discriminator.features(disc, g, augmented(tf, realAugmentation, images));
    Operand<TFloat32> sr = Discriminator.score(disc, g, realFeatures, right);
    Operand<TFloat32> sf =
        Discriminator.build(disc.reuse(), g, augmented(tf, fakeAugmentation, fake), right);
    Operand<TFloat32> sw =
        c.matchingAware() ? Discriminator.score(disc.reuse(), g, realFeatures, wrong) : null;
    Operand<TFloat32> si = null;
    if (c.interpolates()) {
      Operand<TFloat32> fakeInterpolated =
          Generator.build(gen.reuse(), g, interpolatedZ, interpolatedText);
      si =
          Discriminator.build(
              disc.reuse(),
              g,
              augmented(tf, mixedAugmentation, fakeInterpolated),
              interpolatedText);
    }
    lossD =
        tf.withName("loss_d")
            .identity(
                recipe.hinge()
                    ? GanLoss.hingeDiscriminator(tf, sr, sw, sf)
                    : GanLoss.discriminator(tf, sr, sw, sf));
    lossG =
        tf.withName("loss_g")
            .identity(
                recipe.hinge()
                    ? GanLoss.hingeGenerator(tf, sf, si)
                    : GanLoss.generator(tf, sf, si));
    realScore = tf.math.mean(tf.math.sigmoid(sr), tf.constant(0));
    fakeScore = tf.math.mean(tf.math.sigmoid(sf), tf.constant(0));
    generatorVariables = gen.all();
    discriminatorVariables = disc.all();
    Adam adam = Adam.withBeta1(c.beta1());
    Operand<TFloat32> rateD =
        tf.math.mul(learningRate, tf.constant(recipe.discriminatorRateScale()));
    Operand<TFloat32> rateG = tf.math.mul(learningRate, tf.constant(recipe.generatorRateScale()));
    trainD = adam.minimize(tf, lossD, disc, rateD, "optimizer_d", "train_d");
    if (ema) {
      Op trainLive = adam.minimize(tf, lossG, gen, rateG, "optimizer_g", "train_g_live");
      emaDecay =
          tf.withName("ema_decay").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
      Network sampler = new Network(tf, Generator.PREFIX, Mode.INFERENCE, c.seed());
      Operand<TFloat32> averaged = Generator.build(sampler, g, sampleZ, sampleText);
      samples = tf.withName("samples").identity(averaged);
      averagedGeneratorVariables = sampler.all();
      trainG = movingAverage(tf, trainLive, generatorVariables, averagedGeneratorVariables);
    } else {
      emaDecay = null;
      averagedGeneratorVariables = List.of();
      trainG = adam.minimize(tf, lossG, gen, rateG, "optimizer_g", "train_g");
      samples =
          tf.withName("samples")
              .identity(Generator.build(gen.reuse(Mode.INFERENCE), g, sampleZ, sampleText));
    }
  }

  private static Operand<TFloat32> augmented(
      Ops tf, Augmentation augmentation, Operand<TFloat32> images) {
    return augmentation == null ? images : augmentation.apply(tf, images);
  }

  /**
   * {@code train_g}: G's update, then avg ← d·avg + (1 − d)·w for every variable of G (its moving
   * statistics too), reading the updated weights.
   */
  private Op movingAverage(
      Ops tf, Op trainLive, List<Variable<TFloat32>> live, List<Variable<TFloat32>> averaged) {
    checkArgument(live.size() == averaged.size(), "G and its average differ in variables");
    Ops after = tf.withControlDependencies(List.of(trainLive));
    Operand<TFloat32> keep = emaDecay;
    Operand<TFloat32> take = tf.math.sub(tf.constant(1f), emaDecay);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < live.size(); i++) {
      Variable<TFloat32> w = live.get(i);
      Variable<TFloat32> avg = averaged.get(i);
      String liveName = w.op().name().substring(LIVE_GENERATOR_PREFIX.length());
      String avgName = avg.op().name().substring(Generator.PREFIX.length());
      checkArgument(liveName.equals(avgName), "G's %s is averaged as %s", liveName, avgName);
      assigns.add(
          after.assign(avg, after.math.add(after.math.mul(avg, keep), after.math.mul(w, take))));
    }
    return tf.withName("train_g").withControlDependencies(assigns).noOp();
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
    List<Tensor> owned = new ArrayList<>();
    try (TFloat32 x =
            TFloat32.tensorOf(geometry.batch(n), DataBuffers.of(in.images(), true, false));
        TFloat32 r = BatchTensors.matrix(in.right(), n, embeddingDim);
        TFloat32 w = BatchTensors.matrix(in.wrong(), n, embeddingDim);
        TFloat32 noise = BatchTensors.matrix(in.z(), n, zDim);
        TFloat32 m = BatchTensors.matrix(in.mixed(), half, embeddingDim);
        TFloat32 mNoise = BatchTensors.matrix(in.zMixed(), half, zDim);
        TFloat32 rate = TFloat32.scalarOf(in.learningRate());
        TFloat32 decay = TFloat32.scalarOf(in.emaDecay())) {
      double dLoss;
      double dReal;
      double dFake;
      Session.Runner d =
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
              .fetch(fakeScore);
      Feed fakeFeed = null;
      if (realAugmentation != null) {
        realAugmentation.tensors(in.realAugment(), owned).into(d);
        fakeFeed = fakeAugmentation.tensors(in.fakeAugment(), owned);
        fakeFeed.into(d);
      }
      try (Result dr = run(d, traces)) {
        dLoss = ((TFloat32) dr.get(0)).getFloat();
        dReal = ((TFloat32) dr.get(1)).getFloat();
        dFake = ((TFloat32) dr.get(2)).getFloat();
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
      if (fakeFeed != null) {
        fakeFeed.into(g);
        if (interpolates) {
          mixedAugmentation.tensors(in.mixedAugment(), owned).into(g);
        }
      }
      if (emaDecay != null) {
        g.feed(emaDecay, decay);
      }
      try (Result gr = run(g, traces)) {
        return new Losses(dLoss, ((TFloat32) gr.get(0)).getFloat(), dReal, dFake);
      }
    } finally {
      owned.forEach(Tensor::close);
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
