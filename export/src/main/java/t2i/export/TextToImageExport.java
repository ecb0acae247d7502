package t2i.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Json;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.SeededNoise;
import t2i.graph.TextEncoder;
import t2i.training.Sessions;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * The {@code text2image} SavedModel: the text encoder and G in inference mode (batch norm on the
 * moving statistics), tag {@code serve}, method {@code tensorflow/serving/predict}:
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text string [N]}, {@code seed int64 [N]} → {@code image
 *       float [N, 64, 64, 3]} in [0, 1] and {@code png_bytes string [N]} (PNG bytes; the suffix
 *       makes TF Serving send them as base64); z is a function of the seed alone ({@link
 *       SeededNoise}), so a seed gives the same image in any batch;
 *   <li>{@code generate}: {@code embedding float [N, D]}, {@code z float [N, zDim]} → {@code
 *       image};
 *   <li>{@code interpolate}: {@code text_a}, {@code text_b string [N]}, {@code beta float [N]},
 *       {@code z float [N, zDim]} → {@code image} of the embedding (1 − β)·φ(a) + β·φ(b).
 * </ul>
 *
 * The embedding and z of {@code serving_default} are {@code PlaceholderWithDefault}s, which {@code
 * generate} feeds. PNGs are encoded in the graph, one per image, by a while loop.
 */
public final class TextToImageExport {
  public static final String MODEL = "text2image";
  static final List<String> SIGNATURES = List.of("serving_default", "generate", "interpolate");

  private TextToImageExport() {}

  /**
   * Writes {@code <out>/text2image/<version>/} from both runs' latest checkpoints.
   *
   * @return the version folder
   */
  public static Path export(Path embeddingRun, Path ganRun, Path out, int version, boolean force)
      throws IOException {
    EmbeddingConfig text =
        RunDirectory.open(embeddingRun, EmbeddingTrainer.KIND).config(EmbeddingConfig.class);
    GanTrainingConfig gan =
        RunDirectory.open(ganRun, GanTrainer.KIND).config(GanTrainingConfig.class);
    ExportOps.checkEmbeddingDim(embeddingRun, text, ganRun.toString(), gan.gan().embeddingDim());
    Checkpoint textCheckpoint = Checkpoints.latestOf(embeddingRun);
    Checkpoint ganCheckpoint = Checkpoints.latestOf(ganRun);
    Path target = ExportOps.versionFolder(out, MODEL, version);
    Path scratch = ExportOps.scratch(out);
    try (Graph g = new Graph();
        AtomicDirectory dir = AtomicDirectory.create(target, force, ExportManifest.FILE)) {
      Ops tf = Ops.create(g);
      int zDim = gan.gan().zDim();
      int e = gan.gan().embeddingDim();
      Network encoder = new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, text.seed());
      Network generator = new Network(tf, Generator.PREFIX, Mode.INFERENCE, gan.seed());

      Placeholder<TString> texts = stringInput(tf, "text");
      Placeholder<TInt64> seeds =
          tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
      PlaceholderWithDefault<TFloat32> embedding =
          tf.withName("embedding")
              .placeholderWithDefault(
                  TextEncoderExport.embed(tf, encoder, text, texts), Shape.of(-1, e));
      PlaceholderWithDefault<TFloat32> z =
          tf.withName("z")
              .placeholderWithDefault(SeededNoise.build(tf, seeds, zDim), Shape.of(-1, zDim));
      Operand<TFloat32> image =
          tf.withName("image")
              .identity(
                  ExportOps.unitRange(tf, Generator.build(generator, gan.gan(), z, embedding)));
      Operand<TString> png = tf.withName("png_bytes").identity(ExportOps.encodePngs(g, tf, image));

      Placeholder<TString> textA = stringInput(tf, "text_a");
      Placeholder<TString> textB = stringInput(tf, "text_b");
      Placeholder<TFloat32> beta =
          tf.withName("beta").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
      Placeholder<TFloat32> zMix =
          tf.withName("interpolate_z")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, zDim)));
      Operand<TFloat32> a = TextEncoderExport.embed(tf, encoder.reuse(), text, textA);
      Operand<TFloat32> b = TextEncoderExport.embed(tf, encoder.reuse(), text, textB);
      Operand<TFloat32> weight = tf.expandDims(beta, tf.constant(1));
      Operand<TFloat32> mixed =
          tf.math.add(tf.math.mul(tf.math.sub(tf.constant(1f), weight), a), tf.math.mul(weight, b));
      Operand<TFloat32> interpolated =
          tf.withName("interpolated_image")
              .identity(
                  ExportOps.unitRange(
                      tf, Generator.build(generator.reuse(), gan.gan(), zMix, mixed)));

      try (Session session = Sessions.create(g, 0)) {
        CheckpointMerge.restore(session, List.of(textCheckpoint, ganCheckpoint), scratch);
        SavedModelBundle.exporter(dir.staging().toString())
            .withSession(session)
            .withSignature(
                Signature.builder()
                    .key("serving_default")
                    .methodName(TextEncoderExport.METHOD)
                    .input("text", texts)
                    .input("seed", seeds)
                    .output("image", image)
                    .output("png_bytes", png)
                    .build())
            .withSignature(
                Signature.builder()
                    .key("generate")
                    .methodName(TextEncoderExport.METHOD)
                    .input("embedding", embedding)
                    .input("z", z)
                    .output("image", image)
                    .build())
            .withSignature(
                Signature.builder()
                    .key("interpolate")
                    .methodName(TextEncoderExport.METHOD)
                    .input("text_a", textA)
                    .input("text_b", textB)
                    .input("beta", beta)
                    .input("z", zMix)
                    .output("image", interpolated)
                    .build())
            .export();
      }
      Json.write(
          dir.staging().resolve(ExportManifest.FILE),
          new ExportManifest(
              MODEL,
              List.of(
                  TextEncoderExport.source(embeddingRun, textCheckpoint, text),
                  ExportManifest.Source.of(
                      GanTrainer.KIND, ganRun, ganCheckpoint, presetName(gan), gan)),
              gan.dataset(),
              SIGNATURES));
      dir.commit();
    } finally {
      t2i.data.io.AtomicDirectory.deleteRecursively(scratch);
    }
    return target;
  }

  /** The preset the run recorded; for older runs, the preset its networks equal. */
  private static String presetName(GanTrainingConfig gan) {
    if (gan.preset() != null) {
      return gan.preset();
    }
    GanConfig c = gan.gan();
    return Stream.of("cpu", "reed", "tiny")
        .filter(n -> GanConfig.preset(n).withEmbeddingDim(c.embeddingDim()).equals(c))
        .findFirst()
        .orElse("custom");
  }

  private static Placeholder<TString> stringInput(Ops tf, String name) {
    return tf.withName(name).placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
  }
}
