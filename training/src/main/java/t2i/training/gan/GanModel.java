package t2i.training.gan;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.error.UserException;
import t2i.graph.Generator;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.training.ChunkedInference;
import t2i.training.Sessions;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A trained generator for inference: G alone, rebuilt from the run's config with batch norm on its
 * moving statistics, weights restored from a checkpoint.
 */
public final class GanModel implements ImageGenerator, AutoCloseable {
  private final GanTrainingConfig config;
  private final Checkpoint checkpoint;
  private final Graph graph = new Graph();
  private final Placeholder<TFloat32> z;
  private final Placeholder<TFloat32> text;
  private final Session session;
  private final ChunkedInference images;

  private GanModel(GanTrainingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    Ops tf = Ops.create(graph);
    z =
        tf.withName("z")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, config.gan().zDim())));
    text =
        tf.withName("text")
            .placeholder(
                TFloat32.class, Placeholder.shape(Shape.of(-1, config.gan().embeddingDim())));
    Network gen = new Network(tf, Generator.PREFIX, Mode.INFERENCE, config.seed());
    Operand<TFloat32> generated = Generator.build(gen, config.gan(), z, text);
    session =
        Sessions.open(graph, threads, config.precision().orFloat32WhereUnsupported(), checkpoint);
    images = new ChunkedInference(session, generated);
  }

  /** The run's latest checkpoint. */
  public static GanModel load(Path runDir, int threads) {
    GanTrainingConfig config =
        RunDirectory.open(runDir, GanTrainer.KIND).config(GanTrainingConfig.class);
    Checkpoint latest = Checkpoints.latestOf(runDir);
    return new GanModel(config, latest, threads);
  }

  /**
   * G from another checkpoint that holds its weights (a style run's, which froze G at the step it
   * started from).
   */
  public static GanModel load(Path runDir, Checkpoint checkpoint, int threads) {
    GanTrainingConfig config =
        RunDirectory.open(runDir, GanTrainer.KIND).config(GanTrainingConfig.class);
    return new GanModel(config, checkpoint, threads);
  }

  @Override
  public GanTrainingConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * The joint-embedding run whose text encoder made the GAN's training embeddings (recorded by
   * {@code t2i embed}); a relative path is taken from the working directory.
   */
  public Path embeddingRun() {
    String run = CaptionEmbeddings.read(Path.of(config.embeddings())).index().run();
    Path path = Path.of(run);
    if (!Files.isDirectory(path)) {
      throw new UserException(
          "the embedding run "
              + run
              + " that made "
              + config.embeddings()
              + " is not there; pass it with --embedding RUN");
    }
    return path;
  }

  @Override
  public float[] generate(float[] noise, float[] texts, int n) {
    return images.run(
        n,
        new ChunkedInference.Rows(z, noise, zDim()),
        new ChunkedInference.Rows(text, texts, config.gan().embeddingDim()));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
