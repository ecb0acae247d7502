package t2i.training.embedding;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A trained joint embedding for inference: the two encoders rebuilt from the run's config, batch
 * norm on its moving statistics, weights restored from a checkpoint.
 */
public final class EmbeddingModel implements AutoCloseable {
  private static final int BATCH = 64;

  private final EmbeddingConfig config;
  private final EmbeddingGraph graph;
  private final Session session;
  private final Checkpoint checkpoint;

  private EmbeddingModel(EmbeddingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = EmbeddingGraph.inference(config);
    this.session = Sessions.open(graph.graph, threads, checkpoint);
  }

  /** The run's latest checkpoint. */
  public static EmbeddingModel load(Path runDir, int threads) {
    RunDirectory run = RunDirectory.open(runDir, EmbeddingTrainer.KIND);
    EmbeddingConfig config = run.config(EmbeddingConfig.class);
    Checkpoint latest = Checkpoints.latestOf(runDir);
    return new EmbeddingModel(config, latest, threads);
  }

  public EmbeddingConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  public int dim() {
    return config.text().embeddingDim();
  }

  /** φ(t) of each text, row-major {@code [texts, dim]}. */
  public float[] encodeTexts(List<String> texts) {
    float[] out = new float[texts.size() * dim()];
    for (int start = 0; start < texts.size(); start += BATCH) {
      List<String> part = texts.subList(start, Math.min(texts.size(), start + BATCH));
      try (TInt32 chars = BatchTensors.chars(part.toArray(new String[0]));
          Result r = session.runner().feed(graph.chars, chars).fetch(graph.textEmbedding).run()) {
        copy((TFloat32) r.get(0), out, start * dim());
      }
    }
    return out;
  }

  /** θ(v) of each record of a split, centre-cropped to 64×64, row-major {@code [records, dim]}. */
  public float[] encodeImages(DecodedSplit data) {
    int side = config.image().imageSize();
    int x0 = (data.width() - side) / 2;
    int y0 = (data.height() - side) / 2;
    float[] out = new float[data.size() * dim()];
    for (int start = 0; start < data.size(); start += BATCH) {
      int n = Math.min(BATCH, data.size() - start);
      float[] pixels = new float[n * side * side * 3];
      for (int i = 0; i < n; i++) {
        byte[] rgb = data.pixels(start + i);
        int o = i * side * side * 3;
        for (int y = 0; y < side; y++) {
          int row = ((y0 + y) * data.width() + x0) * 3;
          for (int k = 0; k < side * 3; k++) {
            pixels[o++] = (rgb[row + k] & 0xff) / 127.5f - 1f;
          }
        }
      }
      System.arraycopy(encodePixels(pixels, n), 0, out, start * dim(), n * dim());
    }
    return out;
  }

  /**
   * θ(v) of images given as pixels, row-major {@code [n, side, side, 3]} in [−1, 1] (side: the
   * image encoder's input size), row-major {@code [n, dim]}.
   */
  public float[] encodePixels(float[] pixels, int n) {
    int side = config.image().imageSize();
    int size = side * side * 3;
    if (pixels.length != n * size) {
      throw new IllegalArgumentException(
          "expected "
              + n
              + " images of "
              + side
              + "x"
              + side
              + "x3, got "
              + pixels.length
              + " values");
    }
    float[] out = new float[n * dim()];
    for (int start = 0; start < n; start += BATCH) {
      int m = Math.min(BATCH, n - start);
      float[] part = Arrays.copyOfRange(pixels, start * size, (start + m) * size);
      try (TFloat32 images =
              TFloat32.tensorOf(Shape.of(m, side, side, 3), DataBuffers.of(part, true, false));
          Result r =
              session.runner().feed(graph.images, images).fetch(graph.imageEmbedding).run()) {
        copy((TFloat32) r.get(0), out, start * dim());
      }
    }
    return out;
  }

  /** θ(v) from precomputed features ({@code records} rows of the split). */
  public float[] encodeFeatures(ImageFeatures features, int records) {
    float[] out = new float[records * dim()];
    for (int start = 0; start < records; start += BATCH) {
      int n = Math.min(BATCH, records - start);
      int[] rows = new int[n];
      Arrays.setAll(rows, i -> i);
      for (int i = 0; i < n; i++) {
        rows[i] = start + i;
      }
      try (TFloat32 f = features.rows(rows);
          Result r = session.runner().feed(graph.images, f).fetch(graph.imageEmbedding).run()) {
        copy((TFloat32) r.get(0), out, start * dim());
      }
    }
    return out;
  }

  private static void copy(TFloat32 t, float[] out, int offset) {
    float[] part = BatchTensors.floats(t);
    System.arraycopy(part, 0, out, offset, part.length);
  }

  /** The inference graph's variables, for export. */
  EmbeddingGraph graph() {
    return graph;
  }

  Session session() {
    return session;
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
