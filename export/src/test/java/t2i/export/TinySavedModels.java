package t2i.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.TextEncoderConfig;
import t2i.training.Sessions;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingGraph;
import t2i.training.optim.OptimizerType;

/** Tiny SavedModels written with TensorFlow Java, for the inspector's tests. */
public final class TinySavedModels {
  private TinySavedModels() {}

  /** {@code x float [-1, 4] → y = sigmoid(x · dense_w) [-1, 2]}, one variable. */
  public static Path dense(Path dir, String methodName) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      Variable<TFloat32> w =
          tf.withName("dense_w")
              .variable(tf.constant(new float[][] {{1, 2}, {3, 4}, {5, 6}, {7, 8}}));
      Operand<TFloat32> y = tf.withName("y").identity(tf.math.sigmoid(tf.linalg.matMul(x, w)));
      return export(
          g, dir, Signature.builder().methodName(methodName).input("x", x).output("y", y));
    }
  }

  /**
   * The project's generator ({@link GanConfig#tiny()}) in inference mode: transposed convolutions
   * (Conv2DBackpropInput) and batch norm on moving statistics, as {@code t2i export} would write
   * it.
   */
  public static Path generator(Path dir) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      GanConfig c = GanConfig.tiny();
      Placeholder<TFloat32> z =
          tf.withName("z").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.zDim())));
      Placeholder<TFloat32> text =
          tf.withName("text_embedding")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.embeddingDim())));
      Network net = new Network(tf, Generator.PREFIX, Mode.INFERENCE, 1);
      Operand<TFloat32> image = tf.withName("image").identity(Generator.build(net, c, z, text));
      return export(
          g,
          dir,
          Signature.builder()
              .methodName(SavedModelInspector.PREDICT)
              .input("z", z)
              .input("text_embedding", text)
              .output("image", image));
    }
  }

  /**
   * An upsampling by TF's own transposed convolution (Conv2DBackpropInput, whose name looks like a
   * gradient's): {@code x [N, 4, 4, 2] → y [N, 8, 8, 3]}.
   */
  public static Path transposedConvolution(Path dir) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x =
          tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4, 4, 2)));
      Variable<TFloat32> w =
          tf.variable(
              tf.random.randomStandardNormal(tf.constant(new int[] {4, 4, 3, 2}), TFloat32.class));
      Operand<TInt32> outputShape =
          tf.concat(
              List.of(
                  tf.reshape(
                      tf.stridedSlice(
                          tf.shape(x),
                          tf.constant(new int[] {0}),
                          tf.constant(new int[] {1}),
                          tf.constant(new int[] {1})),
                      tf.constant(new int[] {1})),
                  tf.constant(new int[] {8, 8, 3})),
              tf.constant(0));
      Operand<TFloat32> y =
          tf.withName("y")
              .identity(
                  tf.nn.conv2dBackpropInput(outputShape, w, x, List.of(1L, 2L, 2L, 1L), "SAME"));
      return export(
          g,
          dir,
          Signature.builder().methodName(SavedModelInspector.PREDICT).input("x", x).output("y", y));
    }
  }

  /**
   * The joint embedding's real training graph (tiny encoders, {@code optimizer} adam or rmsprop),
   * exported whole: gradients, update ops and optimizer slots included. What not to serve.
   */
  public static Path embeddingTrainingGraph(Path dir, String optimizer) {
    EmbeddingConfig c =
        EmbeddingConfig.builder("unused", 4)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(4)
            .optimizer(OptimizerType.of(optimizer))
            .build();
    EmbeddingGraph graph = EmbeddingGraph.training(c);
    try (Graph g = graph.graph) {
      return export(
          g,
          dir,
          Signature.builder()
              .methodName(SavedModelInspector.PREDICT)
              .input("chars", graph.chars)
              .output("embedding", graph.textEmbedding));
    }
  }

  private static Path export(Graph g, Path dir, Signature.Builder signature) {
    try (Session s = Sessions.open(g, 1, null)) {
      SavedModelBundle.exporter(dir.toString())
          .withSession(s)
          .withSignature(signature.key("serving_default").build())
          .export();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Rewrites {@code dir}'s saved_model.pb into {@code to} (no variables folder). */
  public static Path rewrite(Path dir, Path to, UnaryOperator<SavedModel> edit) throws IOException {
    SavedModel m = SavedModel.parseFrom(Files.readAllBytes(dir.resolve("saved_model.pb")));
    Files.createDirectories(to);
    Files.write(to.resolve("saved_model.pb"), edit.apply(m).toByteArray());
    return to;
  }
}
