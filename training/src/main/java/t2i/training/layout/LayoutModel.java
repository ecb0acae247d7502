package t2i.training.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.data.scenes.Box;
import t2i.training.ChunkedInference;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.embedding.CaptionEncoder;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained box generator, restored from a run's latest checkpoint: samples and scores layouts. */
public final class LayoutModel implements CaptionEncoder, BoxSamples.Sampler, AutoCloseable {
  /** Captions per session run: the char-CNN's activations of a chunk stay under ~200 MB. */
  static final int CHUNK = 512;

  /** The smallest side of a sampled box once made a {@link Box} (sampling may give 0). */
  private static final double MIN_SIDE = 1e-3;

  /**
   * The teacher-forced loss over some captions, each part averaged over chunks weighted by their
   * captions.
   */
  public record Nll(double total, double label, double box, int captions) {}

  private final BoxesConfig config;
  private final Checkpoint checkpoint;
  private final BoxesGraph graph;
  private final Session session;

  public LayoutModel(BoxesConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = BoxesGraph.inference(config);
    this.session = Sessions.open(graph.graph, threads, Precision.FLOAT32, checkpoint);
  }

  public static LayoutModel load(Path runDir, int threads) {
    BoxesConfig config = RunDirectory.open(runDir, BoxesTrainer.KIND).config(BoxesConfig.class);
    return new LayoutModel(config, Checkpoints.latestOf(runDir), threads);
  }

  @Override
  public BoxesConfig config() {
    return config;
  }

  @Override
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The size of the caption encoder's sentence embedding. */
  @Override
  public int dim() {
    return config.generator().embeddingDim();
  }

  /**
   * The sentence embedding the generator reads, of each text, row-major {@code [texts, dim]}: what
   * the layout-conditioned image generator is conditioned on (a frozen encoder trained on the
   * layouts, which knows word order).
   */
  @Override
  public float[] encodeTexts(List<String> texts) {
    return new ChunkedInference(session, graph.sentence)
        .run(
            texts.size(),
            (start, count) -> Map.of(graph.text, strings(texts.subList(start, start + count))));
  }

  /** One layout per caption, row {@code i} drawn from {@code seeds[i]} alone. */
  @Override
  public List<List<LayoutObject>> sample(List<String> captions, long[] seeds, float temperature) {
    return sample(session, graph, captions, seeds, temperature);
  }

  /** {@link #sample} from a session of {@code graph}: a trained model's or a trainer's. */
  static List<List<LayoutObject>> sample(
      Session session, BoxesGraph graph, List<String> captions, long[] seeds, float temperature) {
    if (seeds.length != captions.size()) {
      throw new IllegalArgumentException(
          captions.size() + " captions and " + seeds.length + " seeds");
    }
    List<List<LayoutObject>> layouts = new ArrayList<>(captions.size());
    for (int start = 0; start < captions.size(); start += CHUNK) {
      int n = Math.min(CHUNK, captions.size() - start);
      long[] chunkSeeds = new long[n];
      System.arraycopy(seeds, start, chunkSeeds, 0, n);
      try (TString text = strings(captions.subList(start, start + n));
          TInt64 s = TInt64.vectorOf(chunkSeeds);
          TFloat32 t = TFloat32.scalarOf(temperature);
          Result r =
              session
                  .runner()
                  .feed(graph.text, text)
                  .feed(graph.seeds, s)
                  .feed(graph.temperature, t)
                  .fetch(graph.sampled.labels())
                  .fetch(graph.sampled.boxes())
                  .fetch(graph.sampled.counts())
                  .run()) {
        layouts.addAll(layouts((TInt32) r.get(0), (TFloat32) r.get(1), (TInt32) r.get(2)));
      }
    }
    return layouts;
  }

  /**
   * The layouts of a sampling's outputs ({@code labels [N, T]}, {@code boxes [N, T, 4]}, {@code
   * counts [N]}), boxes clipped into the unit square: what {@code t2i sample boxes} draws and what
   * a {@code text2layout} caller reads.
   */
  public static List<List<LayoutObject>> layouts(TInt32 labels, TFloat32 boxes, TInt32 counts) {
    int n = (int) counts.shape().get(0);
    int steps = (int) labels.shape().get(1);
    List<List<LayoutObject>> layouts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<LayoutObject> objects = new ArrayList<>();
      for (int k = 0; k < counts.getInt(i) && k < steps; k++) {
        objects.add(
            new LayoutObject(
                labels.getInt(i, k),
                box(
                    boxes.getFloat(i, k, 0),
                    boxes.getFloat(i, k, 1),
                    boxes.getFloat(i, k, 2),
                    boxes.getFloat(i, k, 3))));
      }
      layouts.add(objects);
    }
    return layouts;
  }

  /** The held-out loss of {@code captions}, each with its scene's true layout. */
  public Nll nll(List<String> captions, List<SceneLayout> scenes) {
    int steps = config.steps();
    int end = config.generator().endClass();
    double total = 0;
    double label = 0;
    double box = 0;
    for (int start = 0; start < captions.size(); start += CHUNK) {
      int n = Math.min(CHUNK, captions.size() - start);
      List<SceneLayout> chunk = scenes.subList(start, start + n);
      try (TString text = strings(captions.subList(start, start + n));
          TInt32 l = LayoutTargets.labels(chunk, steps, end);
          TFloat32 b = LayoutTargets.boxes(chunk, steps);
          Result r =
              session
                  .runner()
                  .feed(graph.text, text)
                  .feed(graph.labels, l)
                  .feed(graph.boxes, b)
                  .fetch(graph.loss.total())
                  .fetch(graph.loss.labelNll())
                  .fetch(graph.loss.boxNll())
                  .run()) {
        total += n * (double) ((TFloat32) r.get(0)).getFloat();
        label += n * (double) ((TFloat32) r.get(1)).getFloat();
        box += n * (double) ((TFloat32) r.get(2)).getFloat();
      }
    }
    int c = Math.max(1, captions.size());
    return new Nll(total / c, label / c, box / c, captions.size());
  }

  /** A sampled (x, y, w, h), clipped to a box inside the unit square. */
  public static Box box(double x, double y, double w, double h) {
    double cx = Math.min(Math.max(x, 0), 1 - MIN_SIDE);
    double cy = Math.min(Math.max(y, 0), 1 - MIN_SIDE);
    return new Box(
        cx, cy, Math.min(Math.max(w, MIN_SIDE), 1 - cx), Math.min(Math.max(h, MIN_SIDE), 1 - cy));
  }

  private static TString strings(List<String> values) {
    return TString.tensorOf(NdArrays.vectorOfObjects(values.toArray(String[]::new)));
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
