package t2i.export;

import static t2i.serving.Text2ImageContract.BETA;
import static t2i.serving.Text2ImageContract.EMBEDDING;
import static t2i.serving.Text2ImageContract.GENERATE;
import static t2i.serving.Text2ImageContract.IMAGE;
import static t2i.serving.Text2ImageContract.INTERPOLATE;
import static t2i.serving.Text2ImageContract.PNG;
import static t2i.serving.Text2ImageContract.PNG_SIGNATURE;
import static t2i.serving.Text2ImageContract.SEED;
import static t2i.serving.Text2ImageContract.SERVING_DEFAULT;
import static t2i.serving.Text2ImageContract.TEXT;
import static t2i.serving.Text2ImageContract.TEXT_A;
import static t2i.serving.Text2ImageContract.TEXT_B;
import static t2i.serving.Text2ImageContract.Z;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.Lerp;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.SeededNoise;
import t2i.graph.TextEncoder;
import t2i.serving.Text2ImageContract;
import t2i.training.ImageGeometry;
import t2i.training.Precision;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;

/**
 * The {@code text2image} SavedModel ({@link Text2ImageContract}): the text encoder and G in
 * inference mode (batch norm on the moving statistics). In {@code serving_default}, z is a function
 * of the seed alone ({@link SeededNoise}), so a seed gives the same image in any batch; its
 * embedding and z are {@code PlaceholderWithDefault}s, which {@code generate} feeds. PNGs are
 * encoded in the graph, one per image, by a while loop; {@code png} serves them without the float
 * image. The image size is G's.
 */
public final class TextToImageExport {
  /**
   * Graph names of {@code interpolate}'s own z and image: its signature calls them {@code z} and
   * {@code image}, names the graph gives to {@code generate}'s.
   */
  private static final String INTERPOLATE_Z = "interpolate_z";

  private static final String INTERPOLATED_IMAGE = "interpolated_image";

  private TextToImageExport() {}

  /**
   * Writes {@code <out>/text2image/<version>/} from both runs' latest checkpoints, served in the
   * precision the GAN trained in.
   *
   * @return the version folder
   */
  public static Path export(Path embeddingRun, Path ganRun, Path out, int version, boolean force)
      throws IOException {
    return export(embeddingRun, ganRun, out, version, force, null);
  }

  /**
   * As {@link #export(Path, Path, Path, int, boolean)}, served in {@code precision} (null: the
   * GAN's).
   */
  public static Path export(
      Path embeddingRun, Path ganRun, Path out, int version, boolean force, Precision precision)
      throws IOException {
    SourceRun<EmbeddingConfig> text = TextEncoderExport.source(embeddingRun);
    SourceRun<GanTrainingConfig> gan =
        SourceRun.latest(
            ganRun, GanTrainer.KIND, GanTrainingConfig.class, TextToImageExport::preset);
    TextEncoderExport.checkEmbeddingDim(text, ganRun.toString(), gan.config().gan().embeddingDim());
    return new SavedModelWriter(Text2ImageContract.MODEL)
        .precision(precision != null ? precision : gan.config().precision())
        .from(text)
        .from(gan)
        .write(
            out, version, force, gan.config().dataset(), (g, tf) -> signatures(g, tf, text, gan));
  }

  private static List<Signature> signatures(
      Graph g, Ops tf, SourceRun<EmbeddingConfig> text, SourceRun<GanTrainingConfig> gan) {
    GanConfig c = gan.config().gan();
    Network encoder = new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, text.config().seed());
    Network generator = new Network(tf, Generator.PREFIX, Mode.INFERENCE, gan.config().seed());

    Placeholder<TString> texts = ExportOps.stringInput(tf, TEXT);
    Placeholder<TInt64> seeds =
        tf.withName(SEED).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    PlaceholderWithDefault<TFloat32> embedding =
        tf.withName(EMBEDDING)
            .placeholderWithDefault(
                TextEncoderExport.embed(tf, encoder, text.config(), texts),
                Shape.of(-1, c.embeddingDim()));
    PlaceholderWithDefault<TFloat32> z =
        tf.withName(Z)
            .placeholderWithDefault(SeededNoise.build(tf, seeds, c.zDim()), Shape.of(-1, c.zDim()));
    Operand<TFloat32> image =
        tf.withName(IMAGE)
            .identity(ExportOps.unitRange(tf, Generator.build(generator, c, z, embedding)));
    ImageGeometry.of(c).checkRgb();
    Operand<TString> png = tf.withName(PNG).identity(ExportOps.encodePngs(g, tf, image));

    Placeholder<TString> textA = ExportOps.stringInput(tf, TEXT_A);
    Placeholder<TString> textB = ExportOps.stringInput(tf, TEXT_B);
    Placeholder<TFloat32> beta =
        tf.withName(BETA).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    Placeholder<TFloat32> zMix =
        tf.withName(INTERPOLATE_Z)
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, c.zDim())));
    Operand<TFloat32> a = TextEncoderExport.embed(tf, encoder.reuse(), text.config(), textA);
    Operand<TFloat32> b = TextEncoderExport.embed(tf, encoder.reuse(), text.config(), textB);
    Operand<TFloat32> mixed = Lerp.of(tf, a, b, tf.expandDims(beta, tf.constant(1)));
    Operand<TFloat32> interpolated =
        tf.withName(INTERPOLATED_IMAGE)
            .identity(ExportOps.unitRange(tf, Generator.build(generator.reuse(), c, zMix, mixed)));

    return List.of(
        SavedModelWriter.predict(SERVING_DEFAULT)
            .input(TEXT, texts)
            .input(SEED, seeds)
            .output(IMAGE, image)
            .output(PNG, png)
            .build(),
        SavedModelWriter.predict(PNG_SIGNATURE)
            .input(TEXT, texts)
            .input(SEED, seeds)
            .output(PNG, png)
            .build(),
        SavedModelWriter.predict(GENERATE)
            .input(EMBEDDING, embedding)
            .input(Z, z)
            .output(IMAGE, image)
            .build(),
        SavedModelWriter.predict(INTERPOLATE)
            .input(TEXT_A, textA)
            .input(TEXT_B, textB)
            .input(BETA, beta)
            .input(Z, zMix)
            .output(IMAGE, interpolated)
            .build());
  }

  /**
   * The preset the run recorded; for runs older than that field, the one its networks equal (the
   * embedding length is the text encoder's).
   */
  private static String preset(GanTrainingConfig gan) {
    GanConfig c = gan.gan();
    return SourceRun.presetName(
        gan.preset(),
        c,
        name -> GanConfig.preset(name).withEmbeddingDim(c.embeddingDim()),
        List.of("cpu", "reed", "tiny"));
  }
}
