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
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.Json;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.StyleEncoder;
import t2i.graph.TextEncoder;
import t2i.training.Sessions;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/**
 * The {@code style} SavedModel: the style encoder S, with the generator it inverts and the text
 * encoder, in inference mode; tag {@code serve}, method {@code tensorflow/serving/predict}:
 *
 * <ul>
 *   <li>{@code encode}: {@code image float [N, 64, 64, 3]} in [0, 1] → {@code z float [N, zDim]};
 *   <li>{@code transfer}: {@code image}, {@code text string [N]} → {@code image} G(S(x), φ(t)) in
 *       [0, 1] and {@code png_bytes string [N]}.
 * </ul>
 *
 * G comes from the style run's checkpoint: the generator S was trained against.
 */
public final class StyleExport {
  public static final String MODEL = "style";
  static final List<String> SIGNATURES = List.of("encode", "transfer");

  private StyleExport() {}

  public static Path export(Path embeddingRun, Path styleRun, Path out, int version, boolean force)
      throws IOException {
    EmbeddingConfig text =
        RunDirectory.open(embeddingRun, EmbeddingTrainer.KIND).config(EmbeddingConfig.class);
    StyleTrainingConfig style =
        RunDirectory.open(styleRun, StyleTrainer.KIND).config(StyleTrainingConfig.class);
    GanTrainingConfig gan =
        RunDirectory.open(Path.of(style.gan()), GanTrainer.KIND).config(GanTrainingConfig.class);
    ExportOps.checkEmbeddingDim(
        embeddingRun, text, "the style run's GAN", gan.gan().embeddingDim());
    Checkpoint textCheckpoint = Checkpoints.latestOf(embeddingRun);
    Checkpoint styleCheckpoint = Checkpoints.latestOf(styleRun);
    Path target = ExportOps.versionFolder(out, MODEL, version);
    Path scratch = ExportOps.scratch(out);
    try (Graph g = new Graph();
        AtomicDirectory dir = AtomicDirectory.create(target, force, ExportManifest.FILE)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> image =
          tf.withName("image")
              .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64, 64, 3)));
      Placeholder<TString> texts =
          tf.withName("text").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> z =
          tf.withName("z")
              .identity(
                  StyleEncoder.build(
                      new Network(tf, StyleEncoder.PREFIX, Mode.INFERENCE, style.seed() + 1),
                      style.style(),
                      ExportOps.fromUnitRange(tf, image)));
      Operand<TFloat32> phi =
          TextEncoderExport.embed(
              tf, new Network(tf, TextEncoder.PREFIX, Mode.INFERENCE, text.seed()), text, texts);
      Operand<TFloat32> transferred =
          tf.withName("transferred")
              .identity(
                  ExportOps.unitRange(
                      tf,
                      Generator.build(
                          new Network(tf, Generator.PREFIX, Mode.INFERENCE, gan.seed()),
                          gan.gan(),
                          z,
                          phi)));
      Operand<TString> png =
          tf.withName("png_bytes").identity(ExportOps.encodePngs(g, tf, transferred));
      try (Session session = Sessions.create(g, 0)) {
        CheckpointMerge.restore(session, List.of(textCheckpoint, styleCheckpoint), scratch);
        SavedModelBundle.exporter(dir.staging().toString())
            .withSession(session)
            .withSignature(
                Signature.builder()
                    .key("encode")
                    .methodName(TextEncoderExport.METHOD)
                    .input("image", image)
                    .output("z", z)
                    .build())
            .withSignature(
                Signature.builder()
                    .key("transfer")
                    .methodName(TextEncoderExport.METHOD)
                    .input("image", image)
                    .input("text", texts)
                    .output("image", transferred)
                    .output("png_bytes", png)
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
                      StyleTrainer.KIND,
                      styleRun,
                      styleCheckpoint,
                      style.preset() != null
                          ? style.preset()
                          : style.style().width() == 64 ? "cpu" : "custom",
                      style)),
              gan.dataset(),
              SIGNATURES));
      dir.commit();
    } finally {
      AtomicDirectory.deleteRecursively(scratch);
    }
    return target;
  }
}
