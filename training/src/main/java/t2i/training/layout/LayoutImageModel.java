package t2i.training.layout;

import java.nio.file.Path;
import org.tensorflow.Session;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.gan.Noise;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A trained layout image generator: G alone in inference mode (batch norm on its moving
 * statistics), weights restored from a checkpoint of the run.
 */
public final class LayoutImageModel implements LayoutImageSamples.Generator, AutoCloseable {
  private final LayoutImageTrainingConfig config;
  private final Checkpoint checkpoint;
  private final LayoutImageGraph graph;
  private final Session session;

  public LayoutImageModel(LayoutImageTrainingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = LayoutImageGraph.inference(config);
    this.session = Sessions.open(graph.graph, threads, Precision.FLOAT32, checkpoint);
  }

  /** The run's latest checkpoint. */
  public static LayoutImageModel load(Path runDir, int threads) {
    LayoutImageTrainingConfig config =
        RunDirectory.open(runDir, LayoutImageTrainer.KIND).config(LayoutImageTrainingConfig.class);
    return new LayoutImageModel(config, Checkpoints.latestOf(runDir), threads);
  }

  @Override
  public LayoutImageTrainingConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  @Override
  public float[] generate(LayoutImageBatch layouts, float[] text, float[] z) {
    return graph.sample(session, layouts, text, z);
  }

  /**
   * Images for layouts and texts, row {@code i} from noise seed {@code seeds[i]} ({@link
   * Noise#forSeed}, the same z as every other command's), row-major {@code [n, S, S, 3]}.
   */
  public float[] generate(LayoutImageBatch layouts, float[] text, long[] seeds) {
    if (seeds.length != layouts.n()) {
      throw new IllegalArgumentException(layouts.n() + " layouts and " + seeds.length + " seeds");
    }
    int zDim = config.network().zDim();
    float[] z = new float[seeds.length * zDim];
    for (int i = 0; i < seeds.length; i++) {
      System.arraycopy(Noise.forSeed(seeds[i], zDim), 0, z, i * zDim, zDim);
    }
    return generate(layouts, text, z);
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
