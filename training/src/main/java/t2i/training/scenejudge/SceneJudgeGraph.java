package t2i.training.scenejudge;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.Classifier;
import t2i.graph.Dcgan;
import t2i.graph.Layers;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.training.optim.Adam;
import t2i.training.optim.GradientBarrier;
import t2i.training.optim.Optimizer;

/**
 * The scene judge's graphs. The object network is DCGAN's discriminator trunk on a crop (32×32:
 * three 4×4 stride-2 convolutions to a 4×4 grid), a dense layer to {@code cropFeatures} with
 * LeakyReLU, and two linear heads, class and emoji, trained with softmax cross entropy, summed. The
 * background network is the same trunk on the background input (RGB with the boxes blanked, and the
 * kept-pixels channel), a dense layer and one head. Training builds both, and the object network's
 * twin when the config names a twin style, each differentiated on its own loss, all updated by Adam
 * behind one {@code train} op. Inference builds one object network ({@link #OBJECTS} or {@link
 * #TWIN}) and the background network, batch norm on moving statistics; a training checkpoint
 * restores into it.
 */
public final class SceneJudgeGraph {
  /** The object network that scores images: trained on every training scene. */
  public static final String OBJECTS = "objects";

  /** The object network that measures the judge's reliability: trained on one art style. */
  public static final String TWIN = "twin";

  /** The background network. */
  public static final String BACKGROUND = "background";

  /** An object network. */
  public static final class Objects {
    public final Network net;
    public final Placeholder<TFloat32> crops;

    /** Per crop: the class probabilities, then the emoji probabilities, as one row. */
    public final Operand<TFloat32> outputs;

    /** Training only (else null): labels and the loss. */
    public final Placeholder<TInt32> classes;

    public final Placeholder<TInt32> emoji;
    public final Operand<TFloat32> loss;

    private Objects(Ops tf, String prefix, SceneJudgeConfig c, Mode mode, long seed) {
      net = new Network(tf, prefix, mode, seed);
      crops =
          tf.withName(prefix + "_crops")
              .placeholder(
                  TFloat32.class, Placeholder.shape(Shape.of(-1, c.cropSide(), c.cropSide(), 3)));
      Operand<TFloat32> features = Classifier.features(net, c.cropTrunk(), crops, c.cropFeatures());
      Operand<TFloat32> classLogits =
          Layers.dense(net, "class", features, Dcgan.dense(c.cropFeatures(), c.classes()));
      Operand<TFloat32> emojiLogits =
          Layers.dense(net, "emoji", features, Dcgan.dense(c.cropFeatures(), c.emoji()));
      outputs =
          tf.withName(prefix + "_outputs")
              .concat(
                  List.of(tf.nn.softmax(classLogits), tf.nn.softmax(emojiLogits)), tf.constant(1));
      if (mode == Mode.INFERENCE) {
        classes = null;
        emoji = null;
        loss = null;
        return;
      }
      classes =
          tf.withName(prefix + "_classes")
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      emoji =
          tf.withName(prefix + "_emoji").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      loss =
          tf.withName(prefix + "_loss")
              .math
              .add(
                  Classifier.crossEntropy(tf, classLogits, classes, c.classes()),
                  Classifier.crossEntropy(tf, emojiLogits, emoji, c.emoji()));
    }
  }

  /** The background network. */
  public static final class Background {
    public final Network net;
    public final Placeholder<TFloat32> inputs;

    /** Per input: the background probabilities. */
    public final Operand<TFloat32> outputs;

    /** Training only (else null). */
    public final Placeholder<TInt32> labels;

    public final Operand<TFloat32> loss;

    private Background(Ops tf, SceneJudgeConfig c, Mode mode, long seed) {
      net = new Network(tf, BACKGROUND, mode, seed);
      int side = c.backgroundSide();
      inputs =
          tf.withName(BACKGROUND + "_inputs")
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(Shape.of(-1, side, side, Crops.BACKGROUND_CHANNELS)));
      Operand<TFloat32> features =
          Classifier.features(net, c.backgroundTrunk(), inputs, c.backgroundFeatures());
      int n = c.backgrounds().size();
      Operand<TFloat32> logits =
          Layers.dense(net, "head", features, Dcgan.dense(c.backgroundFeatures(), n));
      outputs = tf.withName(BACKGROUND + "_outputs").nn.softmax(logits);
      if (mode == Mode.INFERENCE) {
        labels = null;
        loss = null;
        return;
      }
      labels =
          tf.withName(BACKGROUND + "_labels")
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      loss =
          tf.withName(BACKGROUND + "_loss")
              .identity(Classifier.crossEntropy(tf, logits, labels, n));
    }
  }

  public final Graph graph;
  public final Objects objects;
  public final Background background;

  /** Training graphs with a twin style only, else null. */
  public final Objects twin;

  /** Training only (else null). */
  public final Placeholder<TFloat32> learningRate;

  public final Op train;

  private SceneJudgeGraph(SceneJudgeConfig c, Mode mode, String objectNetwork) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    objects = new Objects(tf, objectNetwork, c, mode, seedOf(c, objectNetwork));
    background = new Background(tf, c, mode, c.seed() + 2);
    if (mode == Mode.INFERENCE) {
      twin = null;
      learningRate = null;
      train = null;
      return;
    }
    twin = c.twinStyle() == null ? null : new Objects(tf, TWIN, c, mode, seedOf(c, TWIN));
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Network> nets = new ArrayList<>(List.of(objects.net, background.net));
    List<Operand<TFloat32>> losses = new ArrayList<>(List.of(objects.loss, background.loss));
    if (twin != null) {
      nets.add(twin.net);
      losses.add(twin.loss);
    }
    List<List<Operand<TFloat32>>> grads = new ArrayList<>();
    List<Operand<TFloat32>> all = new ArrayList<>();
    for (int i = 0; i < nets.size(); i++) {
      List<Operand<TFloat32>> g =
          Optimizer.gradients(tf, losses.get(i), nets.get(i).trainable(), 0f);
      grads.add(g);
      all.addAll(g);
    }
    Op barrier = GradientBarrier.after(tf, all, "gradients_done");
    Optimizer adam = new Adam(0.9f, Adam.DEFAULT_BETA2);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < nets.size(); i++) {
      Network net = nets.get(i);
      updates.add(
          adam.apply(
              tf,
              net.trainable(),
              grads.get(i),
              learningRate,
              barrier,
              "optimizer_" + net.prefix()));
      updates.addAll(net.updates());
    }
    train = tf.withName("train").withControlDependencies(updates).noOp();
  }

  private static long seedOf(SceneJudgeConfig c, String network) {
    return c.seed() + (network.equals(TWIN) ? 1 : 0);
  }

  public static SceneJudgeGraph training(SceneJudgeConfig c) {
    return new SceneJudgeGraph(c, Mode.TRAINING, OBJECTS);
  }

  /** One object network ({@link #OBJECTS} or {@link #TWIN}) and the background network. */
  public static SceneJudgeGraph inference(SceneJudgeConfig c, String objectNetwork) {
    return new SceneJudgeGraph(c, Mode.INFERENCE, objectNetwork);
  }
}
