package t2i.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The char-CNN-RNN text encoder φ; see {@link TextEncoderConfig}. Variables: {@code txtenc_*}. */
public final class TextEncoder {
  public static final String PREFIX = "txtenc";

  private TextEncoder() {}

  /**
   * @param chars Reed character ids {@code int32 [N, length]}, 0 for padding
   * @return the embedding, {@code float32 [N, embeddingDim]}
   */
  public static Operand<TFloat32> build(Network net, TextEncoderConfig c, Operand<TInt32> chars) {
    Ops tf = net.tf();
    Init init = Init.uniform(c.initLimit());
    // Id 0 (padding) becomes −1, which OneHot turns into an all-zero row.
    Operand<TFloat32> x =
        tf.oneHot(
            tf.math.sub(chars, tf.constant(1)),
            tf.constant(c.alphabetSize()),
            tf.constant(1f),
            tf.constant(0f));
    int in = c.alphabetSize();
    for (int i = 0; i < 3; i++) {
      int out = c.convChannels().get(i);
      ConvSpec conv =
          ConvSpec.of(in, out, init)
              .withKernel(c.kernel())
              .withPadding(Padding.VALID)
              .withBias(init);
      x = tf.nn.relu(Layers.conv1d(net, "conv" + (i + 1), x, conv));
      x =
          Layers.maxPool1d(
              tf, x, PoolSpec.of(c.pool()).withStride(i == 2 ? c.lastPoolStride() : c.pool()));
      in = out;
    }
    List<Operand<TFloat32>> steps = new ArrayList<>();
    for (Operand<TFloat32> step : tf.unstack(x, (long) c.timeSteps(), Unstack.axis(1L)).output()) {
      steps.add(step);
    }
    List<Operand<TFloat32>> states =
        Layers.rnn(net, "rnn", steps, new RnnSpec(c.cell(), in, c.hidden(), init));
    return Layers.dense(
        net,
        "proj",
        Layers.mean(tf, states),
        DenseSpec.of(c.hidden(), c.embeddingDim(), init).withBias(init));
  }
}
