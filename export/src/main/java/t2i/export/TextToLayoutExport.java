package t2i.export;

import static t2i.serving.Text2LayoutContract.BOXES;
import static t2i.serving.Text2LayoutContract.COUNT;
import static t2i.serving.Text2LayoutContract.LABELS;
import static t2i.serving.Text2LayoutContract.SAMPLE;
import static t2i.serving.Text2LayoutContract.SEED;
import static t2i.serving.Text2LayoutContract.SERVING_DEFAULT;
import static t2i.serving.Text2LayoutContract.TEMPERATURE;
import static t2i.serving.Text2LayoutContract.TEXT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.io.Json;
import t2i.graph.layout.BoxSampler;
import t2i.serving.Text2LayoutContract;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.BoxesGraph;
import t2i.training.layout.BoxesTrainer;

/**
 * The {@code text2layout} SavedModel ({@link Text2LayoutContract}) of a box-generator run: the
 * caption encoder and the generator's sampling unrolled in one graph, the same ops {@code t2i
 * sample boxes} runs, so a seed gives the same layout here and there.
 */
public final class TextToLayoutExport {
  private TextToLayoutExport() {}

  /** {@value Text2LayoutContract#CLASSES_FILE}. */
  public record Classes(List<String> classes) {}

  /**
   * Writes {@code <out>/text2layout/<version>/} from the run's latest checkpoint.
   *
   * @return the version folder
   */
  public static Path export(Path boxesRun, Path out, int version, boolean force)
      throws IOException {
    SourceRun<BoxesConfig> run =
        SourceRun.latest(
            boxesRun,
            BoxesTrainer.KIND,
            BoxesConfig.class,
            c -> c.words() != null ? BoxesConfig.WORDS : c.textPreset());
    BoxesConfig c = run.config();
    return new SavedModelWriter(Text2LayoutContract.MODEL)
        .from(run)
        .withFile(
            Text2LayoutContract.CLASSES_FILE,
            Json.gson().toJson(new Classes(c.classNames())).getBytes(StandardCharsets.UTF_8))
        .write(out, version, force, c.dataset(), (g, tf) -> signatures(tf, c));
  }

  private static List<Signature> signatures(Ops tf, BoxesConfig c) {
    Placeholder<TString> text = ExportOps.stringInput(tf, TEXT);
    Placeholder<TInt64> seeds =
        tf.withName(SEED).placeholder(TInt64.class, Placeholder.shape(Shape.of(-1)));
    PlaceholderWithDefault<TFloat32> temperature =
        tf.withName(TEMPERATURE)
            .placeholderWithDefault(tf.constant(c.temperature()), Shape.scalar());
    BoxSampler.Layout layout = BoxesGraph.sampling(tf, c, text, seeds, temperature);
    var labels = tf.withName(LABELS).identity(layout.labels());
    var boxes = tf.withName(BOXES).identity(layout.boxes());
    var count = tf.withName(COUNT).identity(layout.counts());
    return List.of(
        SavedModelWriter.predict(SERVING_DEFAULT)
            .input(TEXT, text)
            .input(SEED, seeds)
            .output(LABELS, labels)
            .output(BOXES, boxes)
            .output(COUNT, count)
            .build(),
        SavedModelWriter.predict(SAMPLE)
            .input(TEXT, text)
            .input(SEED, seeds)
            .input(TEMPERATURE, temperature)
            .output(LABELS, labels)
            .output(BOXES, boxes)
            .output(COUNT, count)
            .build());
  }
}
