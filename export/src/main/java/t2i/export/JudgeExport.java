package t2i.export;

import static t2i.serving.JudgeContract.CONCEPT_PROBABILITIES;
import static t2i.serving.JudgeContract.FEATURES;
import static t2i.serving.JudgeContract.IMAGE;
import static t2i.serving.JudgeContract.SERVING_DEFAULT;
import static t2i.serving.JudgeContract.SUBCATEGORY_PROBABILITIES;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.io.Json;
import t2i.graph.Dcgan;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.serving.JudgeContract;
import t2i.training.judge.JudgeConfig;
import t2i.training.judge.JudgeGraph;
import t2i.training.judge.JudgeTrainer;

/**
 * The {@code judge} SavedModel ({@link JudgeContract}): the judge's tower of a judge run, so that
 * anyone can score any generator's 64×64 images with it, and {@value JudgeContract#LABELS_FILE}
 * naming its classes.
 */
public final class JudgeExport {
  private JudgeExport() {}

  /** The class names, in the order of the probabilities. */
  public record Labels(List<String> concepts, List<String> subcategories) {}

  /**
   * Writes {@code <out>/judge/<version>/} from the run's latest checkpoint.
   *
   * @return the version folder
   */
  public static Path export(Path judgeRun, Path out, int version, boolean force)
      throws IOException {
    SourceRun<JudgeConfig> run =
        SourceRun.latest(judgeRun, JudgeTrainer.KIND, JudgeConfig.class, c -> "custom");
    JudgeConfig c = run.config();
    DatasetManifest m = Dataset.open(Path.of(c.dataset())).manifest();
    Labels labels =
        new Labels(
            m.concepts().stream().map(DatasetManifest.ConceptEntry::key).toList(),
            m.classes().stream().map(DatasetManifest.ClassEntry::name).toList());
    if (labels.concepts().size() != c.concepts()
        || labels.subcategories().size() != c.subcategories()) {
      throw new IllegalArgumentException(
          "the dataset "
              + c.dataset()
              + " no longer has the classes the judge was trained on: its labels cannot be"
              + " written");
    }
    return new SavedModelWriter(JudgeContract.MODEL)
        .from(run)
        .withFile(
            JudgeContract.LABELS_FILE, Json.gson().toJson(labels).getBytes(StandardCharsets.UTF_8))
        .write(out, version, force, c.dataset(), (g, tf) -> signatures(tf, c));
  }

  private static List<Signature> signatures(Ops tf, JudgeConfig c) {
    Placeholder<TFloat32> image =
        tf.withName(IMAGE)
            .placeholder(
                TFloat32.class,
                Placeholder.shape(
                    Shape.of(-1, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS)));
    Network net = new Network(tf, JudgeGraph.JUDGE, Mode.INFERENCE, c.seed());
    JudgeGraph.Heads heads = JudgeGraph.heads(net, c, ExportOps.fromUnitRange(tf, image));
    return List.of(
        SavedModelWriter.predict(SERVING_DEFAULT)
            .input(IMAGE, image)
            .output(
                CONCEPT_PROBABILITIES,
                tf.withName(CONCEPT_PROBABILITIES).nn.softmax(heads.conceptLogits()))
            .output(
                SUBCATEGORY_PROBABILITIES,
                tf.withName(SUBCATEGORY_PROBABILITIES).nn.softmax(heads.subcategoryLogits()))
            .output(FEATURES, tf.withName(FEATURES).identity(heads.features()))
            .build());
  }
}
