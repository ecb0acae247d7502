package t2i.export;

import static t2i.serving.StyleContract.ENCODE;
import static t2i.serving.StyleContract.IMAGE;
import static t2i.serving.StyleContract.PNG;
import static t2i.serving.StyleContract.TEXT;
import static t2i.serving.StyleContract.TRANSFER;
import static t2i.serving.StyleContract.Z;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import t2i.graph.GanConfig;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.StyleEncoder;
import t2i.graph.StyleEncoderConfig;
import t2i.graph.TextEncoder;
import t2i.serving.StyleContract;
import t2i.training.ImageGeometry;
import t2i.training.Precision;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/**
 * The {@code style} SavedModel ({@link StyleContract}): the style encoder S, with the generator it
 * inverts and the text encoder, in inference mode. G comes from the style run's checkpoint: the
 * generator S was trained against; the images taken and made are the size G makes.
 */
public final class StyleExport {
  /**
   * Graph name of {@code transfer}'s image: its signature calls it {@code image}, the name the
   * graph gives to the input.
   */
  private static final String TRANSFERRED_IMAGE = "transferred";

  private StyleExport() {}

  /**
   * Writes {@code <out>/style/<version>/} from the embedding and style runs' latest checkpoints.
   *
   * @return the version folder
   */
  public static Path export(Path embeddingRun, Path styleRun, Path out, int version, boolean force)
      throws IOException {
    return export(embeddingRun, styleRun, out, version, force, null);
  }

  /**
   * As {@link #export(Path, Path, Path, int, boolean)}, served in {@code precision} (null: the
   * precision its GAN trained in).
   */
  public static Path export(
      Path embeddingRun, Path styleRun, Path out, int version, boolean force, Precision precision)
      throws IOException {
    SourceRun<EmbeddingConfig> text = TextEncoderExport.source(embeddingRun);
    SourceRun<StyleTrainingConfig> style =
        SourceRun.latest(
            styleRun, StyleTrainer.KIND, StyleTrainingConfig.class, StyleExport::preset);
    GanTrainingConfig gan =
        RunDirectory.open(Path.of(style.config().gan()), GanTrainer.KIND)
            .config(GanTrainingConfig.class);
    TextEncoderExport.checkEmbeddingDim(text, "the style run's GAN", gan.gan().embeddingDim());
    return new SavedModelWriter(StyleContract.MODEL)
        .precision(precision != null ? precision : gan.precision())
        .from(text)
        .from(style)
        .write(
            out,
            version,
            force,
            gan.dataset(),
            (g, tf) -> signatures(g, tf, text.config(), style.config(), gan));
  }

  private static List<Signature> signatures(
      Graph g, Ops tf, EmbeddingConfig text, StyleTrainingConfig style, GanTrainingConfig gan) {
    GanConfig c = gan.gan();
    Placeholder<TFloat32> image =
        tf.withName(IMAGE)
            .placeholder(TFloat32.class, Placeholder.shape(ImageGeometry.of(c).batch(-1)));
    Placeholder<TString> texts = ExportOps.stringInput(tf, TEXT);
    Operand<TFloat32> z =
        tf.withName(Z)
            .identity(
                StyleEncoder.build(
                    new Network(tf, StyleEncoder.PREFIX, Mode.INFERENCE, style.seed() + 1),
                    style.style(),
                    ExportOps.fromUnitRange(tf, image)));
    Operand<TFloat32> phi =
        TextEncoderExport.embed(
            tf, new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, text.seed()), text, texts);
    Operand<TFloat32> transferred =
        tf.withName(TRANSFERRED_IMAGE)
            .identity(
                ExportOps.unitRange(
                    tf,
                    Generator.build(
                        new Network(tf, Generator.PREFIX, Mode.INFERENCE, gan.seed()), c, z, phi)));
    ImageGeometry.of(c).checkRgb();
    Operand<TString> png = tf.withName(PNG).identity(ExportOps.encodePngs(g, tf, transferred));
    return List.of(
        SavedModelWriter.predict(ENCODE).input(IMAGE, image).output(Z, z).build(),
        SavedModelWriter.predict(TRANSFER)
            .input(IMAGE, image)
            .input(TEXT, texts)
            .output(IMAGE, transferred)
            .output(PNG, png)
            .build());
  }

  /** The preset the run recorded; for runs older than that field, the one its encoder equals. */
  private static String preset(StyleTrainingConfig style) {
    StyleEncoderConfig s = style.style();
    return SourceRun.presetName(
        style.preset(),
        s,
        name -> StyleEncoderConfig.preset(name, s.zDim()),
        List.of("cpu", "tiny"));
  }
}
