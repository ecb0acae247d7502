package t2i.training.layout;

import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import t2i.data.scenes.SceneRecord;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained shape generator, restored from a run's latest checkpoint: masks for layouts. */
public final class ShapesModel implements ShapeSamples.Drawer, AutoCloseable {
  /** Layouts per session run. */
  static final int CHUNK = 64;

  private final ShapesConfig config;
  private final Checkpoint checkpoint;
  private final ShapesGraph graph;
  private final Session session;

  public ShapesModel(ShapesConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = ShapesGraph.inference(config);
    this.session = Sessions.open(graph.graph, threads, Precision.FLOAT32, checkpoint);
  }

  public static ShapesModel load(Path runDir, int threads) {
    ShapesConfig config = RunDirectory.open(runDir, ShapesTrainer.KIND).config(ShapesConfig.class);
    return new ShapesModel(config, Checkpoints.latestOf(runDir), threads);
  }

  @Override
  public ShapesConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The true layouts of some scenes (objects beyond the generator's slots dropped). */
  public SceneTensors layouts(List<SceneRecord> scenes) {
    return SceneTensors.layoutsOf(scenes, config.generator().slots(), config.emptyLabel());
  }

  /**
   * Masks for the layouts of {@code layouts} (their boxes and labels), layout {@code i} drawn from
   * {@code seeds[i]} alone: {@code [n, T, side, side]} row-major, in [0, 1].
   */
  @Override
  public float[] masks(SceneTensors layouts, long[] seeds) {
    return masks(session, graph, layouts, seeds);
  }

  /** {@link #masks} from a session of {@code graph}: a trained model's or a trainer's. */
  static float[] masks(Session session, ShapesGraph graph, SceneTensors layouts, long[] seeds) {
    int n = layouts.n();
    if (seeds.length != n) {
      throw new IllegalArgumentException(n + " layouts and " + seeds.length + " seeds");
    }
    int slots = layouts.slots();
    int perLayout = slots * layouts.side() * layouts.side();
    float[] out = new float[n * perLayout];
    for (int start = 0; start < n; start += CHUNK) {
      int count = Math.min(CHUNK, n - start);
      float[] boxes = new float[count * slots * 4];
      int[] labels = new int[count * slots];
      long[] chunkSeeds = new long[count];
      System.arraycopy(layouts.boxes(), start * slots * 4, boxes, 0, boxes.length);
      System.arraycopy(layouts.labels(), start * slots, labels, 0, labels.length);
      System.arraycopy(seeds, start, chunkSeeds, 0, count);
      try (TFloat32 b =
              TFloat32.tensorOf(Shape.of(count, slots, 4), DataBuffers.of(boxes, true, false));
          TInt32 l = TInt32.tensorOf(Shape.of(count, slots), DataBuffers.of(labels, true, false));
          TInt64 s = TInt64.vectorOf(chunkSeeds);
          Result r =
              session
                  .runner()
                  .feed(graph.boxes, b)
                  .feed(graph.labels, l)
                  .feed(graph.seeds, s)
                  .fetch(graph.sampled)
                  .run()) {
        ((TFloat32) r.get(0))
            .asRawTensor()
            .data()
            .asFloats()
            .read(out, start * perLayout, count * perLayout);
      }
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
