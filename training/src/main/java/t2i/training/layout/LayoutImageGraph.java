package t2i.training.layout;

import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.Dcgan;
import t2i.graph.GanLoss;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.layout.LayoutImageConfig;
import t2i.graph.layout.LayoutImageDiscriminator;
import t2i.graph.layout.LayoutImageGenerator;
import t2i.graph.layout.LayoutTensors;
import t2i.graph.layout.PerceptualLoss;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.optim.Adam;

/**
 * The layout image generator's graphs: {@link #training} and {@link #inference} (G alone; there
 * every field but the graph, the masks, labels, right text, noise, samples and G is null). The
 * label map M is built in the graph from the scenes' masks and labels ({@link
 * LayoutTensors#labelMap}). D scores three pairs: real (X, M, s), real with a wrong text (X, M, ŝ)
 * and fake (G(M, s, z), M, s), each application with its own batch statistics (the real pair's
 * trunk runs once for both texts). L_D is GAN-CLS's matching-aware loss ({@link
 * GanLoss#discriminator}); L_G = L_adv + λ · L_rec with L_rec the perceptual loss of the fake
 * against the real image ({@link PerceptualLoss}). Two train ops, {@code train_d} then {@code
 * train_g}, each step. A sampling path applies G in inference mode (moving statistics) to the same
 * masks, labels, text and noise inputs.
 */
public final class LayoutImageGraph {
  public final Graph graph = new Graph();

  /** {@code [N, S, S, 3]} in [−1, 1], S the network's image side. */
  public final Placeholder<TFloat32> images;

  /** {@code [N, T, S, S]}: each object's visible mask. */
  public final Placeholder<TFloat32> masks;

  /** {@code int32 [N, T]}: each object's class, {@code classes} in empty slots. */
  public final Placeholder<TInt32> labels;

  /** {@code [N, embeddingDim]}: a caption of each scene. */
  public final Placeholder<TFloat32> right;

  /** {@code [N, embeddingDim]}: a caption of another scene. */
  public final Placeholder<TFloat32> wrong;

  /** {@code [N, zDim]}. */
  public final Placeholder<TFloat32> z;

  public final Placeholder<TFloat32> learningRate;

  /** D's logits for the real/right, real/wrong and fake/right pairs, {@code [N]} each. */
  public final Operand<TFloat32> realRight;

  public final Operand<TFloat32> realWrong;
  public final Operand<TFloat32> fakeRight;

  public final Operand<TFloat32> lossD;
  public final Operand<TFloat32> lossG;

  /** L_G's adversarial term, CE(s_f, 1). */
  public final Operand<TFloat32> adversarial;

  /** L_G's perceptual term before its weight. */
  public final Operand<TFloat32> reconstruction;

  /** D's mean probability on real/right and on fake pairs. */
  public final Operand<TFloat32> realScore;

  public final Operand<TFloat32> fakeScore;
  public final Op trainD;
  public final Op trainG;

  /** G in inference mode on {@link #masks}, {@link #labels}, {@link #right}, {@link #z}. */
  public final Operand<TFloat32> samples;

  public final Network generator;
  public final Network discriminator;
  private final LayoutImageTrainingConfig config;

  /** The training graph, with the sampling path. */
  public static LayoutImageGraph training(LayoutImageTrainingConfig config) {
    return new LayoutImageGraph(config, Mode.TRAINING);
  }

  /**
   * G alone in inference mode ({@link #samples}); the training-only fields are null. A checkpoint
   * of the run restores into it.
   */
  public static LayoutImageGraph inference(LayoutImageTrainingConfig config) {
    return new LayoutImageGraph(config, Mode.INFERENCE);
  }

  private LayoutImageGraph(LayoutImageTrainingConfig config, Mode mode) {
    this.config = config;
    LayoutImageConfig c = config.network();
    Ops tf = Ops.create(graph);
    int s = c.imageSize();
    int e = c.embeddingDim();
    masks = placeholder(tf, "masks", Shape.of(-1, config.slots(), s, s));
    labels =
        tf.withName("labels")
            .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, config.slots())));
    right = placeholder(tf, "right_text", Shape.of(-1, e));
    z = placeholder(tf, "z", Shape.of(-1, c.zDim()));
    Operand<TFloat32> labelMap =
        tf.withName("label_map").identity(LayoutTensors.labelMap(tf, masks, labels, c.classes()));
    generator = new Network(tf, LayoutImageGenerator.PREFIX, mode, config.seed());
    if (mode == Mode.INFERENCE) {
      samples =
          tf.withName("samples")
              .identity(LayoutImageGenerator.build(generator, c, labelMap, right, z));
      images = null;
      wrong = null;
      learningRate = null;
      discriminator = null;
      realRight = null;
      realWrong = null;
      fakeRight = null;
      lossD = null;
      lossG = null;
      adversarial = null;
      reconstruction = null;
      realScore = null;
      fakeScore = null;
      trainD = null;
      trainG = null;
      return;
    }
    images = placeholder(tf, "images", Shape.of(-1, s, s, Dcgan.IMAGE_CHANNELS));
    wrong = placeholder(tf, "wrong_text", Shape.of(-1, e));
    learningRate = placeholder(tf, "learning_rate", Shape.scalar());
    discriminator =
        new Network(tf, LayoutImageDiscriminator.PREFIX, Mode.TRAINING, config.seed() + 1);
    Operand<TFloat32> fake = LayoutImageGenerator.build(generator, c, labelMap, right, z);
    Operand<TFloat32> realFeatures =
        LayoutImageDiscriminator.features(discriminator, c, images, labelMap);
    realRight =
        tf.withName("d_real_right")
            .identity(LayoutImageDiscriminator.score(discriminator, c, realFeatures, right));
    realWrong =
        tf.withName("d_real_wrong")
            .identity(
                LayoutImageDiscriminator.score(discriminator.reuse(), c, realFeatures, wrong));
    fakeRight =
        tf.withName("d_fake_right")
            .identity(
                LayoutImageDiscriminator.build(discriminator.reuse(), c, fake, labelMap, right));
    lossD =
        tf.withName("loss_d").identity(GanLoss.discriminator(tf, realRight, realWrong, fakeRight));
    adversarial = tf.withName("loss_g_adv").identity(GanLoss.generator(tf, fakeRight, null));
    reconstruction =
        tf.withName("loss_g_rec")
            .identity(new PerceptualLoss(tf, Dcgan.IMAGE_CHANNELS).between(fake, images));
    lossG =
        tf.withName("loss_g")
            .identity(
                tf.math.add(
                    adversarial,
                    tf.math.mul(reconstruction, tf.constant(config.reconstructionWeight()))));
    realScore = tf.math.mean(tf.math.sigmoid(realRight), tf.constant(0));
    fakeScore = tf.math.mean(tf.math.sigmoid(fakeRight), tf.constant(0));
    Adam adam = Adam.withBeta1(config.beta1());
    trainD = adam.minimize(tf, lossD, discriminator, learningRate, "optimizer_d", "train_d");
    trainG = adam.minimize(tf, lossG, generator, learningRate, "optimizer_g", "train_g");
    samples =
        tf.withName("samples")
            .identity(
                LayoutImageGenerator.build(generator.reuse(Mode.INFERENCE), c, labelMap, right, z));
  }

  /**
   * G's images in inference mode for layouts at the network's side, texts {@code [n, embeddingDim]}
   * and noise {@code [n, zDim]}, row-major {@code [n, S, S, 3]}, in chunks.
   */
  public float[] sample(Session session, LayoutImageBatch layouts, float[] text, float[] noise) {
    LayoutImageConfig c = config.network();
    int s = c.imageSize();
    int t = config.slots();
    return new ChunkedInference(session, samples)
        .run(
            layouts.n(),
            (start, count) ->
                Map.of(
                    masks, BatchTensors.rows(layouts.masks(), start, count, t, s, s),
                    labels,
                        labelTensor(
                            Arrays.copyOfRange(layouts.labels(), start * t, (start + count) * t),
                            count,
                            t),
                    right, BatchTensors.rows(text, start, count, c.embeddingDim()),
                    z, BatchTensors.rows(noise, start, count, c.zDim())));
  }

  /** One step's inputs, row-major, at the network's image side. */
  public record StepInputs(
      int n,
      float[] images,
      float[] masks,
      int[] labels,
      float[] right,
      float[] wrong,
      float[] z,
      float learningRate) {}

  /** What a step reports. */
  public record Losses(
      double lossD,
      double lossG,
      double adversarial,
      double reconstruction,
      double realScore,
      double fakeScore) {}

  /** One D update, then one G update on the same inputs and noise. */
  public Losses step(Session session, StepInputs in) {
    LayoutImageConfig c = config.network();
    int n = in.n();
    int s = c.imageSize();
    try (TFloat32 x = BatchTensors.rows(in.images(), 0, n, s, s, Dcgan.IMAGE_CHANNELS);
        TFloat32 m = BatchTensors.rows(in.masks(), 0, n, config.slots(), s, s);
        TInt32 l = labelTensor(in.labels(), n, config.slots());
        TFloat32 r = BatchTensors.matrix(in.right(), n, c.embeddingDim());
        TFloat32 w = BatchTensors.matrix(in.wrong(), n, c.embeddingDim());
        TFloat32 noise = BatchTensors.matrix(in.z(), n, c.zDim());
        TFloat32 rate = TFloat32.scalarOf(in.learningRate())) {
      double dLoss;
      double dReal;
      double dFake;
      try (Result d =
          session
              .runner()
              .feed(images, x)
              .feed(masks, m)
              .feed(labels, l)
              .feed(right, r)
              .feed(wrong, w)
              .feed(z, noise)
              .feed(learningRate, rate)
              .addTarget(trainD)
              .fetch(lossD)
              .fetch(realScore)
              .fetch(fakeScore)
              .run()) {
        dLoss = ((TFloat32) d.get(0)).getFloat();
        dReal = ((TFloat32) d.get(1)).getFloat();
        dFake = ((TFloat32) d.get(2)).getFloat();
      }
      try (Result g =
          session
              .runner()
              .feed(images, x)
              .feed(masks, m)
              .feed(labels, l)
              .feed(right, r)
              .feed(z, noise)
              .feed(learningRate, rate)
              .addTarget(trainG)
              .fetch(lossG)
              .fetch(adversarial)
              .fetch(reconstruction)
              .run()) {
        return new Losses(
            dLoss,
            ((TFloat32) g.get(0)).getFloat(),
            ((TFloat32) g.get(1)).getFloat(),
            ((TFloat32) g.get(2)).getFloat(),
            dReal,
            dFake);
      }
    }
  }

  static TInt32 labelTensor(int[] labels, int n, int slots) {
    return TInt32.tensorOf(Shape.of(n, slots), DataBuffers.of(labels, true, false));
  }

  private static Placeholder<TFloat32> placeholder(Ops tf, String name, Shape shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(shape));
  }
}
