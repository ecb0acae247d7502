package t2i.training.embedding;

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
import t2i.graph.ImageEncoder;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.SjeLoss;
import t2i.graph.TextEncoder;
import t2i.training.ImageGeometry;
import t2i.training.optim.GradientBarrier;
import t2i.training.optim.Optimizer;

/**
 * The joint embedding's graphs. Training: both encoders, the DS-SJE loss, gradients taken per
 * network and applied by the configured optimizer with a fed learning rate, plus the image
 * encoder's batch-norm updates, all behind one {@code train} op. Inference: the two encoders alone,
 * batch norm on its moving statistics, with the same variable names, so a training checkpoint
 * restores into it.
 */
public final class EmbeddingGraph {
  public final Graph graph;
  public final Placeholder<TInt32> chars;
  public final Placeholder<TFloat32> images;
  public final Operand<TFloat32> textEmbedding;
  public final Operand<TFloat32> imageEmbedding;
  public final Network text;
  public final Network image;

  /** Training graph only (else null). */
  public final Placeholder<TFloat32> learningRate;

  public final Operand<TFloat32> loss;
  public final Op train;

  private EmbeddingGraph(EmbeddingConfig c, Mode mode) {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    chars =
        tf.withName("chars")
            .placeholder(
                TInt32.class, Placeholder.shape(Shape.of(-1, c.text().alphabet().maxLength())));
    Shape imageShape =
        c.image().featureDim() > 0
            ? Shape.of(-1, c.image().featureDim())
            : ImageGeometry.of(c.image()).batch(-1);
    images = tf.withName("images").placeholder(TFloat32.class, Placeholder.shape(imageShape));
    text = new Network(tf, TextEncoder.PREFIX, mode, c.seed());
    image = new Network(tf, ImageEncoder.PREFIX, mode, c.seed() + 1);
    textEmbedding =
        tf.withName("text_embedding").identity(TextEncoder.build(text, c.text(), chars));
    imageEmbedding =
        tf.withName("image_embedding").identity(ImageEncoder.build(image, c.image(), images));
    if (mode == Mode.INFERENCE) {
      learningRate = null;
      loss = null;
      train = null;
      return;
    }
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    loss =
        tf.withName("loss")
            .identity(SjeLoss.build(tf, c.loss(), imageEmbedding, textEmbedding, c.batchSize()));
    List<Op> updates = new ArrayList<>();
    // Both networks' gradients first; every update waits for all of them (GradientBarrier).
    List<Network> nets = image.trainable().isEmpty() ? List.of(text) : List.of(text, image);
    List<List<Operand<TFloat32>>> grads = new ArrayList<>();
    List<Operand<TFloat32>> all = new ArrayList<>();
    for (Network net : nets) {
      List<Operand<TFloat32>> g = Optimizer.gradients(tf, loss, net.trainable(), c.gradientClip());
      grads.add(g);
      all.addAll(g);
    }
    Op barrier = GradientBarrier.after(tf, all, "gradients_done");
    Optimizer optimizer = c.updateRule();
    for (int i = 0; i < nets.size(); i++) {
      Network net = nets.get(i);
      String name = net == text ? "optimizer_text" : "optimizer_image";
      updates.add(optimizer.apply(tf, net.trainable(), grads.get(i), learningRate, barrier, name));
    }
    updates.addAll(image.updates());
    train = tf.withName("train").withControlDependencies(updates).noOp();
  }

  public static EmbeddingGraph training(EmbeddingConfig c) {
    return new EmbeddingGraph(c, Mode.TRAINING);
  }

  public static EmbeddingGraph inference(EmbeddingConfig c) {
    return new EmbeddingGraph(c, Mode.INFERENCE);
  }
}
