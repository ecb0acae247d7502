package t2i.training.layout;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import t2i.graph.GanLoss;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.SeededNoise;
import t2i.graph.layout.LayoutTensors;
import t2i.graph.layout.PerceptualLoss;
import t2i.graph.layout.ShapeDiscriminator;
import t2i.graph.layout.ShapeGenerator;
import t2i.graph.layout.ShapeGeneratorConfig;
import t2i.training.optim.Adam;

/**
 * The shape generator's graph (LAYOUT_SPEC §3). Training: true boxes and labels make the box
 * tensors, G draws a mask per object from fed noise, and
 *
 * <pre>
 * L_D_inst   = CE(D_inst(B_t, M_t), 1) + CE(D_inst(B_t, M̂_t), 0)        over the objects
 * L_D_global = CE(D_global(B, ΣM), 1) + CE(D_global(B, ΣM̂), 0)           B = max_t B_t
 * L_G        = CE(D_inst(B_t, M̂_t), 1) + CE(D_global(B, ΣM̂), 1) + 10 · L_rec(ΣM̂, ΣM)
 * </pre>
 *
 * with L_rec the frozen random-CNN {@link PerceptualLoss}. Three train ops, run together for the
 * two Ds, then G's. Sampling (both modes) draws each object's noise from a per-layout seed in the
 * graph, as an export does.
 */
public final class ShapesGraph {
  /** Mixed into the seeds, so that the masks' noise differs from the layout's and the image's. */
  public static final long STREAM_SALT = 0x5A4E3C2D1E0F7B69L;

  public final Graph graph = new Graph();

  /** {@code [N, T, 4]}: x, y, w, h of each slot (anything for an empty one). */
  public final Placeholder<TFloat32> boxes;

  /** {@code [N, T]}: class ids; {@link ShapesConfig#emptyLabel} for an empty slot. */
  public final Placeholder<TInt32> labels;

  /** {@code int64 [N]}: a seed per layout, for sampling. */
  public final Placeholder<TInt64> seeds;

  /** Sampled masks {@code [N, T, side, side]}. */
  public final Operand<TFloat32> sampled;

  public final Placeholder<TFloat32> masks;
  public final Placeholder<TFloat32> z;
  public final Placeholder<TFloat32> learningRate;
  public final Operand<TFloat32> lossDInstance;
  public final Operand<TFloat32> lossDGlobal;
  public final Operand<TFloat32> lossGInstance;
  public final Operand<TFloat32> lossGGlobal;
  public final Operand<TFloat32> reconstruction;
  public final Op trainD;
  public final Op trainG;

  private ShapesGraph(ShapesConfig config, Mode mode) {
    ShapeGeneratorConfig c = config.generator();
    Ops tf = Ops.create(graph);
    int slots = c.slots();
    int side = c.side();
    boxes = tf.withName("boxes").placeholder(TFloat32.class, shape(-1, slots, 4));
    labels = tf.withName("labels").placeholder(TInt32.class, shape(-1, slots));
    seeds = tf.withName("seed").placeholder(TInt64.class, shape(-1));
    Network gen = new Network(tf, ShapeGenerator.PREFIX, mode, config.seed());
    if (mode == Mode.INFERENCE) {
      sampled = tf.withName("masks").identity(sampling(gen, c, boxes, labels, seeds));
      masks = null;
      z = null;
      learningRate = null;
      lossDInstance = lossDGlobal = lossGInstance = lossGGlobal = reconstruction = null;
      trainD = trainG = null;
      return;
    }
    masks = tf.withName("true_masks").placeholder(TFloat32.class, shape(-1, slots, side, side));
    z = tf.withName("z").placeholder(TFloat32.class, shape(-1, slots, c.zDim()));
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> boxTensors = LayoutTensors.boxTensors(tf, boxes, labels, side, c.classes());
    Operand<TFloat32> present = present(tf, labels, c.classes());
    Operand<TFloat32> fake = ShapeGenerator.build(gen, c, boxTensors, present, z);

    Network inst = new Network(tf, ShapeDiscriminator.INSTANCE_PREFIX, mode, config.seed() + 1);
    Network global = new Network(tf, ShapeDiscriminator.GLOBAL_PREFIX, mode, config.seed() + 2);
    Operand<TFloat32> eachBox =
        tf.reshape(boxTensors, tf.constant(new int[] {-1, side, side, c.classes()}));
    Operand<TFloat32> weights = tf.reshape(present, tf.constant(new int[] {-1}));
    Operand<TFloat32> realInst =
        ShapeDiscriminator.build(inst, c, eachBox, perObject(tf, masks, side));
    Operand<TFloat32> fakeInst =
        ShapeDiscriminator.build(inst.reuse(), c, eachBox, perObject(tf, fake, side));
    Operand<TFloat32> allBoxes = LayoutTensors.globalBoxes(tf, boxTensors);
    Operand<TFloat32> realSum = LayoutTensors.globalMask(tf, masks);
    Operand<TFloat32> fakeSum = LayoutTensors.globalMask(tf, fake);
    Operand<TFloat32> realGlobal = ShapeDiscriminator.build(global, c, allBoxes, realSum);
    Operand<TFloat32> fakeGlobal = ShapeDiscriminator.build(global.reuse(), c, allBoxes, fakeSum);

    lossDInstance =
        tf.withName("loss_d_instance")
            .identity(
                tf.math.add(
                    GanLoss.crossEntropy(tf, realInst, 1f, weights),
                    GanLoss.crossEntropy(tf, fakeInst, 0f, weights)));
    lossDGlobal =
        tf.withName("loss_d_global")
            .identity(
                tf.math.add(
                    GanLoss.crossEntropy(tf, realGlobal, 1f),
                    GanLoss.crossEntropy(tf, fakeGlobal, 0f)));
    lossGInstance =
        tf.withName("loss_g_instance").identity(GanLoss.crossEntropy(tf, fakeInst, 1f, weights));
    lossGGlobal = tf.withName("loss_g_global").identity(GanLoss.crossEntropy(tf, fakeGlobal, 1f));
    reconstruction =
        tf.withName("loss_reconstruction")
            .identity(
                new PerceptualLoss(tf, 1)
                    .between(
                        tf.expandDims(fakeSum, tf.constant(3)),
                        tf.expandDims(realSum, tf.constant(3))));
    Operand<TFloat32> lossG =
        tf.math.add(
            tf.math.add(lossGInstance, lossGGlobal),
            tf.math.mul(reconstruction, tf.constant(c.reconstructionWeight())));
    Adam adam = Adam.withBeta1(config.beta1());
    Op trainInst =
        adam.minimize(tf, lossDInstance, inst, learningRate, "optimizer_dinst", "train_dinst");
    Op trainGlobal =
        adam.minimize(tf, lossDGlobal, global, learningRate, "optimizer_dglobal", "train_dglobal");
    trainD = tf.withName("train_d").withControlDependencies(List.of(trainInst, trainGlobal)).noOp();
    trainG = adam.minimize(tf, lossG, gen, learningRate, "optimizer_g", "train_g");
    sampled = tf.withName("masks").identity(sampling(gen.reuse(), c, boxes, labels, seeds));
  }

  public static ShapesGraph training(ShapesConfig c) {
    return new ShapesGraph(c, Mode.TRAINING);
  }

  public static ShapesGraph inference(ShapesConfig c) {
    return new ShapesGraph(c, Mode.INFERENCE);
  }

  /**
   * The sampling path: masks {@code [N, T, side, side]} for labelled boxes, each object's noise
   * taken from its layout's seed ({@link SeededNoise} of the seed xor {@link #STREAM_SALT}, T ·
   * zDim values per seed). What an export builds; a run's checkpoint restores into {@code gen}'s
   * variables.
   */
  public static Operand<TFloat32> sampling(
      Network gen,
      ShapeGeneratorConfig c,
      Operand<TFloat32> boxes,
      Operand<TInt32> labels,
      Operand<TInt64> seeds) {
    Ops tf = gen.tf();
    Operand<TFloat32> noise =
        tf.reshape(
            SeededNoise.build(
                tf, tf.bitwise.bitwiseXor(seeds, tf.constant(STREAM_SALT)), c.slots() * c.zDim()),
            tf.constant(new int[] {-1, c.slots(), c.zDim()}));
    return ShapeGenerator.build(
        gen,
        c,
        LayoutTensors.boxTensors(tf, boxes, labels, c.side(), c.classes()),
        present(tf, labels, c.classes()),
        noise);
  }

  /** {@code [N, T]}: 1 where the label is a class. */
  static Operand<TFloat32> present(Ops tf, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> low =
        tf.dtypes.cast(tf.math.greaterEqual(labels, tf.constant(0)), TFloat32.class);
    Operand<TFloat32> high =
        tf.dtypes.cast(tf.math.less(labels, tf.constant(classes)), TFloat32.class);
    return tf.math.mul(low, high);
  }

  private static Operand<TFloat32> perObject(Ops tf, Operand<TFloat32> masks, int side) {
    return tf.reshape(masks, tf.constant(new int[] {-1, side, side}));
  }

  private static Placeholder.Options shape(long... dims) {
    return Placeholder.shape(Shape.of(dims));
  }
}
