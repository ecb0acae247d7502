package t2i.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Json;
import t2i.data.text.ReedAlphabet;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.ReedCharsOp;
import t2i.graph.TextEncoder;
import t2i.graph.TextEncoderConfig;
import t2i.training.Sessions;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * The {@code text_encoder} SavedModel: the char-CNN-RNN alone, tag {@code serve}, two signatures of
 * method {@code tensorflow/serving/predict}:
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text string [N]} → {@code embedding float [N, D]}, the text
 *       encoded to Reed's characters inside the graph ({@link ReedCharsOp});
 *   <li>{@code encode_chars}: {@code chars int32 [N, 201]} → {@code embedding}.
 * </ul>
 *
 * The character input is a {@code PlaceholderWithDefault} over the in-graph encoding, so both
 * signatures share one encoder.
 */
public final class TextEncoderExport {
  public static final String MODEL = "text_encoder";
  public static final String METHOD = "tensorflow/serving/predict";

  private TextEncoderExport() {}

  /**
   * Writes {@code <out>/text_encoder/<version>/} from the run's latest checkpoint.
   *
   * @return the version folder
   */
  public static Path export(Path runDir, Path out, int version, boolean force) throws IOException {
    RunDirectory run = RunDirectory.open(runDir, EmbeddingTrainer.KIND);
    EmbeddingConfig config = run.config(EmbeddingConfig.class);
    Checkpoint checkpoint = Checkpoints.latestOf(runDir);
    Path target = ExportOps.versionFolder(out, MODEL, version);
    try (Graph g = new Graph();
        AtomicDirectory dir = AtomicDirectory.create(target, force, ExportManifest.FILE)) {
      Ops tf = Ops.create(g);
      Placeholder<TString> text =
          tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      PlaceholderWithDefault<TInt32> chars =
          tf.withName("chars")
              .placeholderWithDefault(
                  ReedCharsOp.build(tf, text), Shape.of(-1, ReedAlphabet.MAX_LENGTH));
      Network net = new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, config.seed());
      Operand<TFloat32> embedding =
          tf.withName("embedding").identity(TextEncoder.build(net, config.text(), chars));
      try (Session session = Sessions.create(g, 0)) {
        Checkpoints.restore(session, checkpoint);
        Signature fromText =
            Signature.builder()
                .key("serving_default")
                .methodName(METHOD)
                .input("text", text)
                .output("embedding", embedding)
                .build();
        Signature fromChars =
            Signature.builder()
                .key("encode_chars")
                .methodName(METHOD)
                .input("chars", chars)
                .output("embedding", embedding)
                .build();
        SavedModelBundle.exporter(dir.staging().toString())
            .withSession(session)
            .withSignature(fromText)
            .withSignature(fromChars)
            .export();
      }
      Json.write(
          dir.staging().resolve(ExportManifest.FILE),
          new ExportManifest(
              MODEL,
              List.of(source(runDir, checkpoint, config)),
              config.dataset(),
              List.of("serving_default", "encode_chars")));
      dir.commit();
    }
    return target;
  }

  static ExportManifest.Source source(Path runDir, Checkpoint checkpoint, EmbeddingConfig config) {
    return ExportManifest.Source.of(
        EmbeddingTrainer.KIND,
        runDir,
        checkpoint,
        // older runs did not record their preset: the one the encoder equals
        config.textPreset() != null
            ? config.textPreset()
            : java.util.stream.Stream.of("reed", "gru", "tiny")
                .filter(name -> TextEncoderConfig.preset(name).equals(config.text()))
                .findFirst()
                .orElse("custom"),
        config);
  }

  /** φ(text): Reed's character encoding in the graph, then the char-CNN-RNN. */
  static Operand<TFloat32> embed(
      Ops tf, Network net, EmbeddingConfig config, Operand<TString> text) {
    return TextEncoder.build(net, config.text(), ReedCharsOp.build(tf, text));
  }
}
