package t2i.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The variables of every network, by name and shape, as the code wrote them before the layer
 * helpers were restructured: checkpoints restore and exports copy weights by these names, and the
 * initial values are seeded by them. A change here breaks every saved run.
 */
class NetworkVariablesTest {
  static final GanConfig NO_RESIDUAL = new GanConfig(4, 4, 8, 8, 16, false, 64, 3);
  static final TextEncoderConfig GRU =
      new TextEncoderConfig(70, 201, List.of(8, 8, 8), 4, 3, 2, Layers.Cell.GRU, 6, 10, 0.08f);

  @Test
  void generator() {
    assertVariables(
        GENERATOR_TINY, Generator.PREFIX, (tf, net) -> generator(tf, net, GanConfig.tiny()));
    assertVariables(
        GENERATOR_NO_RESIDUAL, Generator.PREFIX, (tf, net) -> generator(tf, net, NO_RESIDUAL));
  }

  @Test
  void discriminator() {
    assertVariables(
        DISCRIMINATOR_TINY,
        Discriminator.PREFIX,
        (tf, net) -> discriminator(tf, net, GanConfig.tiny()));
    assertVariables(
        DISCRIMINATOR_NO_RESIDUAL,
        Discriminator.PREFIX,
        (tf, net) -> discriminator(tf, net, NO_RESIDUAL));
  }

  @Test
  void imageEncoder() {
    assertVariables(
        IMAGE_ENCODER_TINY,
        ImageEncoder.PREFIX,
        (tf, net) -> ImageEncoder.build(net, ImageEncoderConfig.tiny(), input(tf, -1, 64, 64, 3)));
    assertVariables(
        IMAGE_ENCODER_FEATURES,
        ImageEncoder.PREFIX,
        (tf, net) ->
            ImageEncoder.build(net, ImageEncoderConfig.tiny().withFeatures(20), input(tf, -1, 20)));
  }

  @Test
  void styleEncoder() {
    assertVariables(
        STYLE_ENCODER_TINY,
        StyleEncoder.PREFIX,
        (tf, net) ->
            StyleEncoder.build(
                net, StyleEncoderConfig.preset("tiny", 8), input(tf, -1, 64, 64, 3)));
  }

  @Test
  void textEncoder() {
    assertVariables(
        TEXT_ENCODER_TINY,
        TextEncoder.PREFIX,
        (tf, net) -> text(tf, net, TextEncoderConfig.tiny()));
    assertVariables(TEXT_ENCODER_GRU, TextEncoder.PREFIX, (tf, net) -> text(tf, net, GRU));
  }

  private interface Builder {
    void build(Ops tf, Network net);
  }

  /** Builds the network in a fresh graph and lists its variables, trainable ones first. */
  private static void assertVariables(String expected, String prefix, Builder builder) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Network net = new Network(tf, prefix, Mode.TRAINING, 0);
      builder.build(tf, net);
      StringBuilder actual = new StringBuilder();
      for (var v : net.all()) {
        actual.append(v.op().name()).append(' ').append(Arrays.toString(v.shape().asArray()));
        actual.append(net.trainable().contains(v) ? "" : " state").append('\n');
      }
      assertEquals(expected, actual.toString());
    }
  }

  private static void generator(Ops tf, Network net, GanConfig c) {
    Generator.build(net, c, input(tf, -1, c.zDim()), input(tf, -1, c.embeddingDim()));
  }

  private static void discriminator(Ops tf, Network net, GanConfig c) {
    Discriminator.build(net, c, input(tf, -1, 64, 64, 3), input(tf, -1, c.embeddingDim()));
  }

  private static void text(Ops tf, Network net, TextEncoderConfig c) {
    TextEncoder.build(net, c, tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1, 201))));
  }

  private static Operand<TFloat32> input(Ops tf, long... dims) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(dims)));
  }

  /** {@link GanConfig#tiny()}: residual blocks at 4×4 and 8×8. */
  static final String GENERATOR_TINY =
      """
      gen_text_w [16, 8]
      gen_text_b [8]
      gen_fc_w [16, 512]
      gen_bn0_gamma [32]
      gen_bn0_beta [32]
      gen_res4_a_w [1, 1, 32, 8]
      gen_res4_bna_gamma [8]
      gen_res4_bna_beta [8]
      gen_res4_b_w [3, 3, 8, 8]
      gen_res4_bnb_gamma [8]
      gen_res4_bnb_beta [8]
      gen_res4_c_w [3, 3, 8, 32]
      gen_res4_bnc_gamma [32]
      gen_res4_bnc_beta [32]
      gen_deconv1_w [4, 4, 16, 32]
      gen_bn1_gamma [16]
      gen_bn1_beta [16]
      gen_res8_a_w [1, 1, 16, 4]
      gen_res8_bna_gamma [4]
      gen_res8_bna_beta [4]
      gen_res8_b_w [3, 3, 4, 4]
      gen_res8_bnb_gamma [4]
      gen_res8_bnb_beta [4]
      gen_res8_c_w [3, 3, 4, 16]
      gen_res8_bnc_gamma [16]
      gen_res8_bnc_beta [16]
      gen_deconv2_w [4, 4, 8, 16]
      gen_bn2_gamma [8]
      gen_bn2_beta [8]
      gen_deconv3_w [4, 4, 4, 8]
      gen_bn3_gamma [4]
      gen_bn3_beta [4]
      gen_deconv4_w [4, 4, 3, 4]
      gen_deconv4_b [3]
      gen_bn0_moving_mean [32] state
      gen_bn0_moving_variance [32] state
      gen_res4_bna_moving_mean [8] state
      gen_res4_bna_moving_variance [8] state
      gen_res4_bnb_moving_mean [8] state
      gen_res4_bnb_moving_variance [8] state
      gen_res4_bnc_moving_mean [32] state
      gen_res4_bnc_moving_variance [32] state
      gen_bn1_moving_mean [16] state
      gen_bn1_moving_variance [16] state
      gen_res8_bna_moving_mean [4] state
      gen_res8_bna_moving_variance [4] state
      gen_res8_bnb_moving_mean [4] state
      gen_res8_bnb_moving_variance [4] state
      gen_res8_bnc_moving_mean [16] state
      gen_res8_bnc_moving_variance [16] state
      gen_bn2_moving_mean [8] state
      gen_bn2_moving_variance [8] state
      gen_bn3_moving_mean [4] state
      gen_bn3_moving_variance [4] state
      """;

  /** {@link #NO_RESIDUAL}. */
  static final String GENERATOR_NO_RESIDUAL =
      """
      gen_text_w [16, 8]
      gen_text_b [8]
      gen_fc_w [16, 512]
      gen_bn0_gamma [32]
      gen_bn0_beta [32]
      gen_deconv1_w [4, 4, 16, 32]
      gen_bn1_gamma [16]
      gen_bn1_beta [16]
      gen_deconv2_w [4, 4, 8, 16]
      gen_bn2_gamma [8]
      gen_bn2_beta [8]
      gen_deconv3_w [4, 4, 4, 8]
      gen_bn3_gamma [4]
      gen_bn3_beta [4]
      gen_deconv4_w [4, 4, 3, 4]
      gen_deconv4_b [3]
      gen_bn0_moving_mean [32] state
      gen_bn0_moving_variance [32] state
      gen_bn1_moving_mean [16] state
      gen_bn1_moving_variance [16] state
      gen_bn2_moving_mean [8] state
      gen_bn2_moving_variance [8] state
      gen_bn3_moving_mean [4] state
      gen_bn3_moving_variance [4] state
      """;

  /** {@link GanConfig#tiny()}: a residual block at 4×4. */
  static final String DISCRIMINATOR_TINY =
      """
      disc_conv1_w [4, 4, 3, 4]
      disc_conv1_b [4]
      disc_conv2_w [4, 4, 4, 8]
      disc_bn2_gamma [8]
      disc_bn2_beta [8]
      disc_conv3_w [4, 4, 8, 16]
      disc_bn3_gamma [16]
      disc_bn3_beta [16]
      disc_conv4_w [4, 4, 16, 32]
      disc_bn4_gamma [32]
      disc_bn4_beta [32]
      disc_res4_a_w [1, 1, 32, 8]
      disc_res4_bna_gamma [8]
      disc_res4_bna_beta [8]
      disc_res4_b_w [3, 3, 8, 8]
      disc_res4_bnb_gamma [8]
      disc_res4_bnb_beta [8]
      disc_res4_c_w [3, 3, 8, 32]
      disc_res4_bnc_gamma [32]
      disc_res4_bnc_beta [32]
      disc_text_w [16, 8]
      disc_text_bn_gamma [8]
      disc_text_bn_beta [8]
      disc_joint_w [1, 1, 40, 32]
      disc_joint_bn_gamma [32]
      disc_joint_bn_beta [32]
      disc_logit_w [4, 4, 32, 1]
      disc_logit_b [1]
      disc_bn2_moving_mean [8] state
      disc_bn2_moving_variance [8] state
      disc_bn3_moving_mean [16] state
      disc_bn3_moving_variance [16] state
      disc_bn4_moving_mean [32] state
      disc_bn4_moving_variance [32] state
      disc_res4_bna_moving_mean [8] state
      disc_res4_bna_moving_variance [8] state
      disc_res4_bnb_moving_mean [8] state
      disc_res4_bnb_moving_variance [8] state
      disc_res4_bnc_moving_mean [32] state
      disc_res4_bnc_moving_variance [32] state
      disc_text_bn_moving_mean [8] state
      disc_text_bn_moving_variance [8] state
      disc_joint_bn_moving_mean [32] state
      disc_joint_bn_moving_variance [32] state
      """;

  /** {@link #NO_RESIDUAL}. */
  static final String DISCRIMINATOR_NO_RESIDUAL =
      """
      disc_conv1_w [4, 4, 3, 4]
      disc_conv1_b [4]
      disc_conv2_w [4, 4, 4, 8]
      disc_bn2_gamma [8]
      disc_bn2_beta [8]
      disc_conv3_w [4, 4, 8, 16]
      disc_bn3_gamma [16]
      disc_bn3_beta [16]
      disc_conv4_w [4, 4, 16, 32]
      disc_bn4_gamma [32]
      disc_bn4_beta [32]
      disc_text_w [16, 8]
      disc_text_bn_gamma [8]
      disc_text_bn_beta [8]
      disc_joint_w [1, 1, 40, 32]
      disc_joint_bn_gamma [32]
      disc_joint_bn_beta [32]
      disc_logit_w [4, 4, 32, 1]
      disc_logit_b [1]
      disc_bn2_moving_mean [8] state
      disc_bn2_moving_variance [8] state
      disc_bn3_moving_mean [16] state
      disc_bn3_moving_variance [16] state
      disc_bn4_moving_mean [32] state
      disc_bn4_moving_variance [32] state
      disc_text_bn_moving_mean [8] state
      disc_text_bn_moving_variance [8] state
      disc_joint_bn_moving_mean [32] state
      disc_joint_bn_moving_variance [32] state
      """;

  /** {@link ImageEncoderConfig#tiny()} on pixels. */
  static final String IMAGE_ENCODER_TINY =
      """
      imgenc_conv1_w [4, 4, 3, 4]
      imgenc_conv1_b [4]
      imgenc_conv2_w [4, 4, 4, 8]
      imgenc_bn2_gamma [8]
      imgenc_bn2_beta [8]
      imgenc_conv3_w [4, 4, 8, 16]
      imgenc_bn3_gamma [16]
      imgenc_bn3_beta [16]
      imgenc_conv4_w [4, 4, 16, 32]
      imgenc_bn4_gamma [32]
      imgenc_bn4_beta [32]
      imgenc_proj_w [512, 16]
      imgenc_proj_b [16]
      imgenc_bn2_moving_mean [8] state
      imgenc_bn2_moving_variance [8] state
      imgenc_bn3_moving_mean [16] state
      imgenc_bn3_moving_variance [16] state
      imgenc_bn4_moving_mean [32] state
      imgenc_bn4_moving_variance [32] state
      """;

  /** {@link ImageEncoderConfig#tiny()} on 20 precomputed features. */
  static final String IMAGE_ENCODER_FEATURES =
      """
      imgenc_proj_w [20, 16]
      imgenc_proj_b [16]
      """;

  /** The {@code tiny} style preset for z of 8. */
  static final String STYLE_ENCODER_TINY =
      """
      style_conv1_w [4, 4, 3, 4]
      style_conv1_b [4]
      style_conv2_w [4, 4, 4, 8]
      style_bn2_gamma [8]
      style_bn2_beta [8]
      style_conv3_w [4, 4, 8, 16]
      style_bn3_gamma [16]
      style_bn3_beta [16]
      style_conv4_w [4, 4, 16, 32]
      style_bn4_gamma [32]
      style_bn4_beta [32]
      style_z_w [512, 8]
      style_z_b [8]
      style_bn2_moving_mean [8] state
      style_bn2_moving_variance [8] state
      style_bn3_moving_mean [16] state
      style_bn3_moving_variance [16] state
      style_bn4_moving_mean [32] state
      style_bn4_moving_variance [32] state
      """;

  /** {@link TextEncoderConfig#tiny()}: a ReLU RNN. */
  static final String TEXT_ENCODER_TINY =
      """
      txtenc_conv1_w [1, 4, 70, 8]
      txtenc_conv1_b [8]
      txtenc_conv2_w [1, 4, 8, 8]
      txtenc_conv2_b [8]
      txtenc_conv3_w [1, 4, 8, 8]
      txtenc_conv3_b [8]
      txtenc_rnn_wx [8, 8]
      txtenc_rnn_wh [8, 8]
      txtenc_rnn_b [8]
      txtenc_proj_w [8, 16]
      txtenc_proj_b [16]
      """;

  /** {@link #GRU}. */
  static final String TEXT_ENCODER_GRU =
      """
      txtenc_conv1_w [1, 4, 70, 8]
      txtenc_conv1_b [8]
      txtenc_conv2_w [1, 4, 8, 8]
      txtenc_conv2_b [8]
      txtenc_conv3_w [1, 4, 8, 8]
      txtenc_conv3_b [8]
      txtenc_rnn_wx [8, 18]
      txtenc_rnn_wh [6, 18]
      txtenc_rnn_b [18]
      txtenc_proj_w [6, 10]
      txtenc_proj_b [10]
      """;
}
