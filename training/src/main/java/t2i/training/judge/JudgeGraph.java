package t2i.training.judge;

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
 * The judge's graphs. A tower is DCGAN's discriminator trunk, a dense layer to {@code featureDim}
 * features with LeakyReLU, and two linear heads (concept, subcategory) trained with softmax cross
 * entropy, summed. Training builds the judge's tower and, when the config names a twin style, an
 * identical twin with its own variables and its own images (one art style only), both updated by
 * Adam behind one {@code train} op. Inference builds one tower with batch norm on its moving
 * statistics; a training checkpoint restores into it.
 */
public final class JudgeGraph {
  /** The tower that scores images: trained on every record. */
  public static final String JUDGE = "judge";

  /** The tower that measures the judge's reliability: trained on one art style. */
  public static final String TWIN = "twin";

  /** One classifier. */
  public static final class Tower {
    public final Network net;
    public final Placeholder<TFloat32> images;
    public final Operand<TFloat32> conceptLogits;
    public final Operand<TFloat32> subcategoryLogits;
    public final Operand<TFloat32> features;

    /**
     * Per image: the concept probabilities, then the subcategory probabilities, then the features,
     * as one row (one fetch for all three).
     */
    public final Operand<TFloat32> outputs;

    /** Training only (else null): labels and the tower's loss. */
    public final Placeholder<TInt32> concepts;

    public final Placeholder<TInt32> subcategories;
    public final Operand<TFloat32> loss;

    private Tower(Ops tf, String prefix, JudgeConfig c, Mode mode, long seed) {
      net = new Network(tf, prefix, mode, seed);
      images =
          tf.withName(prefix + "_images")
              .placeholder(
                  TFloat32.class,
                  Placeholder.shape(
                      Shape.of(-1, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS)));
      Heads heads = heads(net, c, images);
      features = heads.features();
      conceptLogits = heads.conceptLogits();
      subcategoryLogits = heads.subcategoryLogits();
      outputs =
          tf.withName(prefix + "_outputs")
              .concat(
                  List.of(tf.nn.softmax(conceptLogits), tf.nn.softmax(subcategoryLogits), features),
                  tf.constant(1));
      if (mode == Mode.INFERENCE) {
        concepts = null;
        subcategories = null;
        loss = null;
        return;
      }
      concepts =
          tf.withName(prefix + "_concepts")
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      subcategories =
          tf.withName(prefix + "_subcategories")
              .placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      loss =
          tf.withName(prefix + "_loss")
              .math
              .add(
                  Classifier.crossEntropy(tf, conceptLogits, concepts, c.concepts()),
                  Classifier.crossEntropy(tf, subcategoryLogits, subcategories, c.subcategories()));
    }

    /** Per image, row-major: concept probabilities, subcategory probabilities, features. */
    public static int rowSize(JudgeConfig c) {
      return c.concepts() + c.subcategories() + c.featureDim();
    }
  }

  /** A tower's outputs: the features and each head's logits. */
  public record Heads(
      Operand<TFloat32> features,
      Operand<TFloat32> conceptLogits,
      Operand<TFloat32> subcategoryLogits) {}

  /**
   * Builds a tower's layers in {@code net} (whose prefix names its variables).
   *
   * @param images {@code [N, 64, 64, 3]} in [−1, 1]
   */
  public static Heads heads(Network net, JudgeConfig c, Operand<TFloat32> images) {
    Operand<TFloat32> features = Classifier.features(net, c.trunk(), images, c.featureDim());
    return new Heads(
        features,
        Layers.dense(net, "concept", features, Dcgan.dense(c.featureDim(), c.concepts())),
        Layers.dense(net, "subcategory", features, Dcgan.dense(c.featureDim(), c.subcategories())));
  }

  public final Graph graph;
  public final Tower judge;

  /** The twin (training graphs with a twin style only, else null). */
  public final Tower twin;

  /** Training only (else null). */
  public final Placeholder<TFloat32> learningRate;

  public final Op train;

  private JudgeGraph(JudgeConfig c, Mode mode, String inferenceTower) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    if (mode == Mode.INFERENCE) {
      judge = new Tower(tf, inferenceTower, c, mode, seedOf(c, inferenceTower));
      twin = null;
      learningRate = null;
      train = null;
      return;
    }
    judge = new Tower(tf, JUDGE, c, mode, seedOf(c, JUDGE));
    twin = c.twinStyle() == null ? null : new Tower(tf, TWIN, c, mode, seedOf(c, TWIN));
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Tower> towers = twin == null ? List.of(judge) : List.of(judge, twin);
    List<List<Operand<TFloat32>>> grads = new ArrayList<>();
    List<Operand<TFloat32>> all = new ArrayList<>();
    for (Tower t : towers) {
      List<Operand<TFloat32>> g = Optimizer.gradients(tf, t.loss, t.net.trainable(), 0f);
      grads.add(g);
      all.addAll(g);
    }
    Op barrier = GradientBarrier.after(tf, all, "gradients_done");
    Optimizer adam = new Adam(0.9f, Adam.DEFAULT_BETA2);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < towers.size(); i++) {
      Tower t = towers.get(i);
      updates.add(
          adam.apply(
              tf,
              t.net.trainable(),
              grads.get(i),
              learningRate,
              barrier,
              "optimizer_" + t.net.prefix()));
      updates.addAll(t.net.updates());
    }
    train = tf.withName("train").withControlDependencies(updates).noOp();
  }

  private static long seedOf(JudgeConfig c, String tower) {
    return c.seed() + (tower.equals(TWIN) ? 1 : 0);
  }

  public static JudgeGraph training(JudgeConfig c) {
    return new JudgeGraph(c, Mode.TRAINING, null);
  }

  /** One tower ({@link #JUDGE} or {@link #TWIN}) for inference, as {@link #judge}. */
  public static JudgeGraph inference(JudgeConfig c, String tower) {
    return new JudgeGraph(c, Mode.INFERENCE, tower);
  }
}
