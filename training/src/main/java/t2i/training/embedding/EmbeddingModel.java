package t2i.training.embedding;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tensorflow.Session;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.ImageGeometry;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/**
 * A trained joint embedding for inference: the two encoders rebuilt from the run's config, batch
 * norm on its moving statistics, weights restored from a checkpoint.
 */
public final class EmbeddingModel implements CaptionEncoder, AutoCloseable {
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
    this.session =
        Sessions.open(
            graph.graph, threads, config.precision().orFloat32WhereUnsupported(), checkpoint);
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

  @Override
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  @Override
  public int dim() {
    return config.text().embeddingDim();
  }

  /** φ(t) of each text, row-major {@code [texts, dim]}. */
  @Override
  public float[] encodeTexts(List<String> texts) {
    return textEmbeddings.run(
        texts.size(),
        (start, count) ->
            Map.of(
                graph.chars,
                BatchTensors.chars(
                    config.text().alphabet(),
                    texts.subList(start, start + count).toArray(new String[0]))));
  }

  /** The images θ takes, as its config states them (unused with precomputed features). */
  public ImageGeometry imageGeometry() {
    return ImageGeometry.of(config.image());
  }

  /**
   * θ(v) of each record of a split, centre-cropped to the image encoder's side, row-major {@code
   * [records, dim]}.
   */
  public float[] encodeImages(DecodedSplit data) {
    ImageGeometry geometry = imageGeometry();
    geometry.checkFeeds(data, "the image encoder");
    return imageEmbeddings.run(
        data.size(),
        (start, count) ->
            Map.of(
                graph.images,
                geometry.rows(data.centreCrops(start, count, geometry.side()), 0, count)));
  }

  /**
   * θ(v) of images given as pixels, row-major {@code [n, side, side, channels]} of {@link
   * #imageGeometry()} in [−1, 1], row-major {@code [n, dim]}.
   */
  public float[] encodePixels(float[] pixels, int n) {
    ImageGeometry geometry = imageGeometry();
    geometry.checkPixels(pixels, n);
    return imageEmbeddings.run(
        n, (start, count) -> Map.of(graph.images, geometry.rows(pixels, start, count)));
  }

  /** θ(v) from precomputed features ({@code records} rows of the split). */
  public float[] encodeFeatures(ImageFeatures features, int records) {
    return imageEmbeddings.run(
        records,
        (start, count) ->
            Map.of(graph.images, features.rows(IntStream.range(start, start + count).toArray())));
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
