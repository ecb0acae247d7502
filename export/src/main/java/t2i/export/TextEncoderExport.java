package t2i.export;

import static t2i.serving.TextEncoderContract.CHARS;
import static t2i.serving.TextEncoderContract.EMBEDDING;
import static t2i.serving.TextEncoderContract.ENCODE_CHARS;
import static t2i.serving.TextEncoderContract.SERVING_DEFAULT;
import static t2i.serving.TextEncoderContract.TEXT;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.graph.CharsOp;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.TextEncoder;
import t2i.graph.TextEncoderConfig;
import t2i.serving.TextEncoderContract;
import t2i.training.Precision;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.embedding.EmbeddingTrainer;

/**
 * The {@code text_encoder} SavedModel ({@link TextEncoderContract}): the char-CNN-RNN alone, the
 * text encoded to the run's characters inside the graph ({@link CharsOp}: Reed's 70 symbols or
 * normalised UTF-8 bytes). The character input is a {@code PlaceholderWithDefault} over that
 * encoding, so both signatures share one encoder.
 */
public final class TextEncoderExport {
  private TextEncoderExport() {}

  /**
   * Writes {@code <out>/text_encoder/<version>/} from the run's latest checkpoint.
   *
   * @return the version folder
   */
  public static Path export(Path runDir, Path out, int version, boolean force) throws IOException {
    return export(runDir, out, version, force, Precision.FLOAT32);
  }

  /** As {@link #export(Path, Path, int, boolean)}, served in {@code precision}. */
  public static Path export(Path runDir, Path out, int version, boolean force, Precision precision)
      throws IOException {
    SourceRun<EmbeddingConfig> run = source(runDir);
    return new SavedModelWriter(TextEncoderContract.MODEL)
        .precision(precision)
        .from(run)
        .write(out, version, force, run.config().dataset(), (g, tf) -> signatures(tf, run));
  }

  private static List<Signature> signatures(Ops tf, SourceRun<EmbeddingConfig> run) {
    Placeholder<TString> text = ExportOps.stringInput(tf, TEXT);
    PlaceholderWithDefault<TInt32> chars =
        tf.withName(CHARS)
            .placeholderWithDefault(
                CharsOp.build(tf, run.config().text().alphabet(), text),
                Shape.of(-1, run.config().text().alphabet().maxLength()));
    Network net = new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, run.config().seed());
    Operand<TFloat32> embedding =
        tf.withName(EMBEDDING).identity(TextEncoder.build(net, run.config().text(), chars));
    return List.of(
        SavedModelWriter.predict(SERVING_DEFAULT)
            .input(TEXT, text)
            .output(EMBEDDING, embedding)
            .build(),
        SavedModelWriter.predict(ENCODE_CHARS)
            .input(CHARS, chars)
            .output(EMBEDDING, embedding)
            .build());
  }

  /** An embedding run: the text encoder the other exports build in too. */
  static SourceRun<EmbeddingConfig> source(Path runDir) {
    return SourceRun.latest(
        runDir, EmbeddingTrainer.KIND, EmbeddingConfig.class, TextEncoderExport::preset);
  }

  /** The preset the run recorded; for runs older than that field, the one its encoder equals. */
  private static String preset(EmbeddingConfig config) {
    return SourceRun.presetName(
        config.textPreset(),
        config.text(),
        TextEncoderConfig::preset,
        List.of("reed", "gru", "tiny"));
  }

  /** Refuses a text encoder whose embeddings are not the length a generator takes. */
  static void checkEmbeddingDim(SourceRun<EmbeddingConfig> text, String consumer, int expected) {
    EmbeddingDim.check(text.dir(), text.config().text().embeddingDim(), consumer, expected);
  }

  /** φ(text): the run's character encoding in the graph, then the char-CNN-RNN. */
  static Operand<TFloat32> embed(
      Ops tf, Network net, EmbeddingConfig config, Operand<TString> text) {
    return TextEncoder.build(net, config.text(), CharsOp.build(tf, config.text().alphabet(), text));
  }
}
