package t2i.training.layout;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.graph.CharsOp;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.TextEncoder;
import t2i.graph.WordEncoder;
import t2i.graph.layout.BoxGenerator;
import t2i.graph.layout.BoxSampler;
import t2i.training.optim.Adam;
import t2i.training.optim.GradientBarrier;
import t2i.training.optim.Optimizer;

/**
 * The box generator's graphs. Both read the captions as plain text with the run's own caption
 * encoder (variables {@code boxtxt_*}) and hold the generator ({@code boxgen_*}). Training takes
 * the true layouts too, and updates both networks by Adam on the teacher-forced loss, the gradients
 * clipped together to the config's global norm. Both take per-row seeds and give sampled layouts
 * (the training graph, so that a run can draw its progress from its current weights); inference
 * gives, fed true layouts, the loss too: the graph {@code text2layout} exports.
 */
public final class BoxesGraph {
  /** The caption encoder's variable prefix. */
  public static final String TEXT_PREFIX = "boxtxt";

  public final Graph graph;

  /** The captions, {@code string [N]}. */
  public final Placeholder<TString> text;

  /** {@code int64 [N]}, one seed per row of the sampled layouts. */
  public final Placeholder<TInt64> seeds;

  /** The sampling temperature, a scalar that defaults to the config's. */
  public final Operand<TFloat32> temperature;

  /** {@code int32 [N, T_max]}: classes, then the end class. */
  public final Placeholder<TInt32> labels;

  /** {@code [N, T_max, 4]}: (x, y, w, h), left to right. */
  public final Placeholder<TFloat32> boxes;

  public final BoxGenerator.Loss loss;

  /** The layouts sampled for {@code text}, one per seed. */
  public final BoxSampler.Layout sampled;

  /** Training only (else null). */
  public final Placeholder<TFloat32> learningRate;

  /** Training only (else null): the gradients' global norm before clipping. */
  public final Operand<TFloat32> gradientNorm;

  public final Op train;

  /** The caption encoder's sentence embedding of {@code text}: {@code [N, embeddingDim]}. */
  public final Operand<TFloat32> sentence;

  /** The networks of a graph and the sentence embedding of its captions. */
  private record Parts(
      Network textNet, Network genNet, Operand<TFloat32> sentence, BoxGenerator generator) {
    static Parts build(Ops tf, BoxesConfig c, Mode mode, Operand<TString> text) {
      Network textNet = new Network(tf, TEXT_PREFIX, mode, c.seed());
      Network genNet = new Network(tf, BoxGenerator.PREFIX, mode, c.seed() + 1);
      Operand<TFloat32> sentence =
          c.words() != null
              ? WordEncoder.build(textNet, c.words(), text)
              : TextEncoder.build(textNet, c.text(), CharsOp.build(tf, c.text().alphabet(), text));
      return new Parts(textNet, genNet, sentence, new BoxGenerator(genNet, c.generator()));
    }
  }

  /**
   * The sampling half alone, built into {@code tf}: text, in the graph through the run's characters
   * and the run's caption encoder, then the generator sampled per seed. What {@code text2layout}
   * exports; a checkpoint of the run restores into it.
   */
  public static BoxSampler.Layout sampling(
      Ops tf,
      BoxesConfig c,
      Operand<TString> text,
      Operand<TInt64> seeds,
      Operand<TFloat32> temperature) {
    return sampled(tf, c, text, seeds, temperature).layout();
  }

  /**
   * The sentence embedding the layout was drawn for, the layout, and the variables of the caption
   * encoder and the generator (what a checkpoint of the run restores).
   */
  public record Sampled(
      Operand<TFloat32> sentence, BoxSampler.Layout layout, List<Variable<TFloat32>> variables) {}

  /** As {@link #sampling}, with the caption encoder's sentence embedding. */
  public static Sampled sampled(
      Ops tf,
      BoxesConfig c,
      Operand<TString> text,
      Operand<TInt64> seeds,
      Operand<TFloat32> temperature) {
    Parts p = Parts.build(tf, c, Mode.INFERENCE, text);
    List<Variable<TFloat32>> variables = new ArrayList<>(p.textNet().all());
    variables.addAll(p.genNet().all());
    return new Sampled(
        p.sentence(),
        new BoxSampler(p.generator()).sample(p.sentence(), seeds, temperature),
        variables);
  }

  private BoxesGraph(BoxesConfig c, Mode mode) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    int steps = c.steps();
    text = tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
    seeds = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    labels =
        tf.withName("labels").placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, steps)));
    boxes =
        tf.withName("boxes")
            .placeholder(
                TFloat32.class, Placeholder.shape(Shape.of(-1, steps, BoxGenerator.BOX_SIZE)));
    Parts p = Parts.build(tf, c, mode, text);
    sentence = tf.withName("sentence").identity(p.sentence());
    loss = p.generator().loss(p.sentence(), labels, boxes);
    temperature =
        tf.withName("temperature")
            .placeholderWithDefault(tf.constant(c.temperature()), Shape.scalar());
    sampled = new BoxSampler(p.generator()).sample(p.sentence(), seeds, temperature);
    if (mode == Mode.INFERENCE) {
      learningRate = null;
      gradientNorm = null;
      train = null;
      return;
    }
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Variable<TFloat32>> vars = new ArrayList<>(p.textNet().trainable());
    vars.addAll(p.genNet().trainable());
    List<Operand<TFloat32>> raw = Optimizer.gradients(tf, loss.total(), vars, 0f);
    gradientNorm = tf.withName("gradient_norm").identity(BoxGenerator.globalNorm(tf, raw));
    List<Operand<TFloat32>> grads =
        BoxGenerator.clipByGlobalNorm(tf, raw, c.generator().gradientClip());
    Op barrier = GradientBarrier.after(tf, grads, "gradients_done");
    Op update =
        new Adam(0.9f, Adam.DEFAULT_BETA2)
            .apply(tf, vars, grads, learningRate, barrier, "optimizer_boxes");
    train = tf.withName("train").withControlDependencies(List.of(update)).noOp();
  }

  public static BoxesGraph training(BoxesConfig c) {
    return new BoxesGraph(c, Mode.TRAINING);
  }

  public static BoxesGraph inference(BoxesConfig c) {
    return new BoxesGraph(c, Mode.INFERENCE);
  }
}
