package t2i.training.judge;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Session;
import t2i.data.batch.DecodedSplit;
import t2i.data.image.Images;
import t2i.error.UserException;
import t2i.graph.Dcgan;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained judge (or its twin) for inference, restored from a run's latest checkpoint. */
public final class JudgeModel implements AutoCloseable {
  /** What the judge says of {@code n} images, each row-major. */
  public record Outputs(int n, float[] concepts, float[] subcategories, float[] features) {}

  private final JudgeConfig config;
  private final Checkpoint checkpoint;
  private final JudgeGraph graph;
  private final Session session;
  private final ChunkedInference outputs;

  private JudgeModel(JudgeConfig config, Checkpoint checkpoint, String tower, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = JudgeGraph.inference(config, tower);
    this.session = Sessions.open(graph.graph, threads, Precision.FLOAT32, checkpoint);
    this.outputs = new ChunkedInference(session, graph.judge.outputs);
  }

  /** The judge of a run: {@link JudgeGraph#JUDGE}, or {@link JudgeGraph#TWIN} if it has one. */
  public static JudgeModel load(Path runDir, String tower, int threads) {
    JudgeConfig config = RunDirectory.open(runDir, JudgeTrainer.KIND).config(JudgeConfig.class);
    if (tower.equals(JudgeGraph.TWIN) && config.twinStyle() == null) {
      throw new UserException(runDir + " trained no twin (its dataset has one art style)");
    }
    return new JudgeModel(config, Checkpoints.latestOf(runDir), tower, threads);
  }

  public JudgeConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The records' images, centred, as the judge sees them. */
  public Outputs classify(DecodedSplit data) {
    int side = Dcgan.IMAGE_SIZE;
    if (data.height() != side || data.width() != side) {
      throw new UserException(
          String.format(
              "the judge takes %dx%d images; these are %dx%d",
              side, side, data.width(), data.height()));
    }
    return split(
        data.size(),
        outputs.run(
            data.size(),
            (start, count) ->
                Map.of(
                    graph.judge.images,
                    BatchTensors.rows(
                        data.centreCrops(start, count, side),
                        0,
                        count,
                        side,
                        side,
                        Images.CHANNELS))));
  }

  /**
   * @param pixels row-major {@code [n, 64, 64, 3]} in [−1, 1]
   */
  public Outputs classify(float[] pixels, int n) {
    int side = Dcgan.IMAGE_SIZE;
    int length = side * side * Images.CHANNELS;
    if (pixels.length != n * length) {
      throw new IllegalArgumentException(
          "expected " + n + " images of " + length + " values, got " + pixels.length);
    }
    float[] rows =
        outputs.run(
            n,
            (start, count) ->
                Map.of(
                    graph.judge.images,
                    BatchTensors.rows(pixels, start, count, side, side, Images.CHANNELS)));
    return split(n, rows);
  }

  /** The rows of the tower's one output, cut into its three parts. */
  private Outputs split(int n, float[] rows) {
    int kc = config.concepts();
    int ks = config.subcategories();
    int f = config.featureDim();
    int row = JudgeGraph.Tower.rowSize(config);
    float[] concepts = new float[n * kc];
    float[] subcategories = new float[n * ks];
    float[] features = new float[n * f];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows, i * row, concepts, i * kc, kc);
      System.arraycopy(rows, i * row + kc, subcategories, i * ks, ks);
      System.arraycopy(rows, i * row + kc + ks, features, i * f, f);
    }
    return new Outputs(n, concepts, subcategories, features);
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
