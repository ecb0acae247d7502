package t2i.training.embedding;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A trained joint embedding for inference: the two encoders rebuilt from the run's config, batch
 * norm on its moving statistics, weights restored from a checkpoint.
 */
public final class EmbeddingModel implements AutoCloseable {
  private final EmbeddingConfig config;
  private final EmbeddingGraph graph;
  private final Session session;
  private final Checkpoint checkpoint;
  private final ChunkedInference textEmbeddings;
  private final ChunkedInference imageEmbeddings;

  private EmbeddingModel(EmbeddingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = EmbeddingGraph.inference(config);
    this.session = Sessions.open(graph.graph, threads, checkpoint);
    this.textEmbeddings = new ChunkedInference(session, graph.textEmbedding);
    this.imageEmbeddings = new ChunkedInference(session, graph.imageEmbedding);
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
    return textEmbeddings.run(
        texts.size(),
        (start, count) ->
            Map.of(
                graph.chars,
                BatchTensors.chars(texts.subList(start, start + count).toArray(new String[0]))));
  }

  /** θ(v) of each record of a split, centre-cropped to 64×64, row-major {@code [records, dim]}. */
  public float[] encodeImages(DecodedSplit data) {
    int side = config.image().imageSize();
    return imageEmbeddings.run(
        data.size(), (start, count) -> Map.of(graph.images, crop(data, start, count, side)));
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
    return imageEmbeddings.run(
        n,
        (start, count) ->
            Map.of(graph.images, BatchTensors.rows(pixels, start, count, side, side, 3)));
  }

  /** θ(v) from precomputed features ({@code records} rows of the split). */
  public float[] encodeFeatures(ImageFeatures features, int records) {
    return imageEmbeddings.run(
        records,
        (start, count) ->
            Map.of(graph.images, features.rows(IntStream.range(start, start + count).toArray())));
  }

  /** Records {@code [start, start + count)}, centre-cropped to {@code side}, in [−1, 1]. */
  private static TFloat32 crop(DecodedSplit data, int start, int count, int side) {
    int x0 = (data.width() - side) / 2;
    int y0 = (data.height() - side) / 2;
    float[] pixels = new float[count * side * side * 3];
    int o = 0;
    for (int i = 0; i < count; i++) {
      byte[] rgb = data.pixels(start + i);
      for (int y = 0; y < side; y++) {
        int row = ((y0 + y) * data.width() + x0) * 3;
        for (int k = 0; k < side * 3; k++) {
          pixels[o++] = (rgb[row + k] & 0xff) / 127.5f - 1f;
        }
      }
    }
    return BatchTensors.rows(pixels, 0, count, side, side, 3);
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
