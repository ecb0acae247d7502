package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The layers the project's image classifiers (the judges) share. */
public final class Classifier {
  private Classifier() {}

  /**
   * A trunk, flattened, then a dense layer {@code fc} with LeakyReLU: {@code [N, dim]}, the
   * features the classifier's heads read.
   */
  public static Operand<TFloat32> features(
      Network net, ImageTrunk trunk, Operand<TFloat32> images, int dim) {
    Operand<TFloat32> x = trunk.buildFlat(net, images);
    return Layers.leakyRelu(
        net.tf(), Layers.dense(net, "fc", x, Dcgan.dense(trunk.features(), dim)), Dcgan.LEAK);
  }

  /** The mean softmax cross-entropy of {@code [N, classes]} logits against integer labels. */
  public static Operand<TFloat32> crossEntropy(
      Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
    Operand<TFloat32> oneHot =
        tf.stopGradient(tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f)));
    return tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, oneHot).loss(), tf.constant(0));
  }
}
