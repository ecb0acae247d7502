package t2i.graph.layout;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import t2i.graph.ConvSpec;
import t2i.graph.Dcgan;
import t2i.graph.Layers;
import t2i.graph.Network;
import t2i.graph.Norm;
import t2i.graph.Padding;

/**
 * A discriminator of the shape generator (LAYOUT_SPEC §3), used twice with its own variables: the
 * instance-wise D_inst(B_t, M_t) on each object's box tensor and mask, and the global
 * D_global(B_global, M_global) on the max of the box tensors and the sum of the masks. The box
 * tensor and the mask are concatenated; 4×4 stride-2 convolutions (LeakyReLU 0.2, instance norm
 * after the first) from {@code discriminatorWidth} channels, doubling up to 8× it, down to 4×4; a
 * 4×4 valid convolution to one logit. Variables: {@code <prefix>_*}.
 */
public final class ShapeDiscriminator {
  public static final String INSTANCE_PREFIX = "shapedinst";
  public static final String GLOBAL_PREFIX = "shapedglobal";

  private ShapeDiscriminator() {}

  /**
   * @param boxes {@code [M, side, side, L]}
   * @param masks {@code [M, side, side]}
   * @return logits {@code [M]}
   */
  public static Operand<TFloat32> build(
      Network net, ShapeGeneratorConfig c, Operand<TFloat32> boxes, Operand<TFloat32> masks) {
    Ops tf = net.tf();
    Operand<TFloat32> x =
        tf.concat(List.of(boxes, tf.expandDims(masks, tf.constant(3))), tf.constant(3));
    int in = c.classes() + 1;
    int out = c.discriminatorWidth();
    int layer = 0;
    for (int side = c.side(); side > Dcgan.BASE_SIDE; side /= 2) {
      layer++;
      x = Layers.conv2d(net, "conv" + layer, x, Dcgan.resample(in, out));
      if (layer > 1) {
        x = Norm.INSTANCE.apply(net, "in" + layer, x, Dcgan.norm(out));
      }
      x = Layers.leakyRelu(tf, x, Dcgan.LEAK);
      in = out;
      out = Math.min(out * 2, c.discriminatorWidth() * 8);
    }
    ConvSpec logit =
        ConvSpec.of(in, 1, Dcgan.WEIGHTS).withKernel(Dcgan.BASE_SIDE).withPadding(Padding.VALID);
    x = Layers.conv2d(net, "logit", x, logit);
    return tf.reshape(x, tf.constant(new int[] {-1}));
  }
}
