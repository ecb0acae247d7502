package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The bottleneck residual block of Reed et al.'s reference code: a 1×1 convolution to a quarter of
 * the channels, two 3×3 convolutions (the second back to the full width), batch norm (or instance
 * norm) after each and ReLU after the first two, added to the input and passed through ReLU. The
 * side and the channels are unchanged. Variables: {@code <name>_a_w}, {@code <name>_bna_*}, {@code
 * <name>_b_w}, {@code <name>_bnb_*}, {@code <name>_c_w}, {@code <name>_bnc_*}.
 */
public final class ResidualBlock {
  private ResidualBlock() {}

  /**
   * @param x {@code [N, H, W, channels]}
   * @return {@code [N, H, W, channels]}
   */
  public static Operand<TFloat32> build(
      Network net, String name, Operand<TFloat32> x, int channels) {
    return build(net, name, x, channels, Norm.BATCH);
  }

  /**
   * @param x {@code [N, H, W, channels]}
   * @return {@code [N, H, W, channels]}
   */
  public static Operand<TFloat32> build(
      Network net, String name, Operand<TFloat32> x, int channels, Norm norm) {
    checkArgument(
        channels >= 4, "%s: a bottleneck block needs >= 4 channels, got %s", name, channels);
    Ops tf = net.tf();
    int bottleneck = channels / 4;
    ConvSpec narrow = ConvSpec.of(channels, bottleneck, Dcgan.WEIGHTS).withoutBias();
    ConvSpec middle =
        ConvSpec.of(bottleneck, bottleneck, Dcgan.WEIGHTS).withKernel(3).withoutBias();
    ConvSpec widen = ConvSpec.of(bottleneck, channels, Dcgan.WEIGHTS).withKernel(3).withoutBias();
    Operand<TFloat32> y = Layers.conv2d(net, name + "_a", x, narrow);
    y = tf.nn.relu(norm.apply(net, name + "_bna", y, Dcgan.norm(bottleneck)));
    y = Layers.conv2d(net, name + "_b", y, middle);
    y = tf.nn.relu(norm.apply(net, name + "_bnb", y, Dcgan.norm(bottleneck)));
    y = Layers.conv2d(net, name + "_c", y, widen);
    y = norm.apply(net, name + "_bnc", y, Dcgan.norm(channels));
    return tf.nn.relu(tf.math.add(x, y));
  }
}
