package t2i.training.style;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.StyleEncoder;
import t2i.training.ImageGeometry;
import t2i.training.optim.Adam;
import t2i.training.run.PartialRestore;

/**
 * The style encoder's training graph: the frozen G in inference mode draws images from fed noise
 * and text (no gradient flows into it, and nothing updates it); S in training mode maps them back;
 * {@code L_style} is the batch mean of {@code ‖z − S(G(z, φ(t)))‖²}; Adam updates S alone. An
 * inference path applies S, on its moving statistics, to fed images, and scores held-out samples.
 */
final class StyleGraph {
  final Graph graph = new Graph();
  final Placeholder<TFloat32> z;
  final Placeholder<TFloat32> text;
  final Placeholder<TFloat32> learningRate;
  final Operand<TFloat32> loss;
  final Op train;
  final Placeholder<TFloat32> images;
  final Operand<TFloat32> encoded;
  final Operand<TFloat32> heldOutLoss;
  final Network generator;
  final Network style;
  final PartialRestore loadGenerator;

  StyleGraph(StyleTrainingConfig c, GanConfig gan) {
    Ops tf = Ops.create(graph);
    z = tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gan.zDim())));
    text =
        tf.withName("text")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, gan.embeddingDim())));
    learningRate =
        tf.withName("learning_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(ImageGeometry.of(c.style()).batch(-1)));

    generator = new Network(tf, Generator.PREFIX, Mode.INFERENCE, c.seed());
    style = new Network(tf, StyleEncoder.PREFIX, Mode.TRAINING, c.seed() + 1);
    Operand<TFloat32> fake = tf.stopGradient(Generator.build(generator, gan, z, text));
    loss =
        tf.withName("loss_style")
            .identity(styleLoss(tf, z, StyleEncoder.build(style, c.style(), fake)));
    train =
        Adam.withBeta1(c.beta1())
            .minimize(tf, loss, style, learningRate, "optimizer_style", "train");

    Network inference = style.reuse(Mode.INFERENCE);
    encoded = tf.withName("encoded").identity(StyleEncoder.build(inference, c.style(), images));
    heldOutLoss =
        tf.withName("held_out_loss_style")
            .identity(styleLoss(tf, z, StyleEncoder.build(inference.reuse(), c.style(), fake)));
    loadGenerator = new PartialRestore(tf, generator.all(), "load_generator");
  }

  /** The batch mean of ‖z − ẑ‖². */
  private static Operand<TFloat32> styleLoss(Ops tf, Operand<TFloat32> z, Operand<TFloat32> zHat) {
    return tf.math.mean(
        tf.reduceSum(tf.math.squaredDifference(z, zHat), tf.constant(1)), tf.constant(0));
  }
}
