package t2i.training.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchOptions.Sampling;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.data.batch.StepRandom;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.ImageGeometry;
import t2i.training.ShiftScale;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the joint embedding: each step takes one image and one caption from each of {@code
 * batchSize} distinct trainval classes (at the config's class level), feeds the learning rate of
 * that step, and runs the train op. Batch {@code i} depends only on (seed, i), and the checkpoint
 * holds every variable including the optimizer's slots, so a resumed run continues exactly.
 */
public final class EmbeddingTrainer extends RunFrame<EmbeddingTrainer.Scalars> {
  public static final String KIND = "embedding";
  private static final int AUGMENT_STREAM = 5;
  private static final int WORD_DROPOUT_STREAM = 6;

  /** What a step reports: the DS-SJE loss and the learning rate. */
  public record Scalars(double loss, float lr) {}

  private final EmbeddingConfig config;
  private final EmbeddingGraph graph;
  private final BatchPipeline batches;
  private final ImageFeatures features;

  /**
   * @param resumeFrom the checkpoint to continue from, or null for a new run
   * @param threads TF intra-op threads (0: one per core)
   */
  public EmbeddingTrainer(
      EmbeddingConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, config.precision());
    this.config = config;
    Dataset dataset = Dataset.open(Path.of(config.dataset()));
    DecodedSplit data =
        DecodedSplit.load(
            dataset, Split.TRAINVAL, config.classLevel(), config.captionLanguages(), progress);
    this.features =
        config.imageFeatures() == null
            ? null
            : ImageFeatures.load(
                Path.of(config.imageFeatures()),
                dataset,
                Split.TRAINVAL,
                config.image().featureDim());
    ImageGeometry geometry = ImageGeometry.of(config.image());
    if (features == null) {
      geometry.checkFeeds(data, "the image encoder");
    }
    this.graph = EmbeddingGraph.training(config);
    open(graph.graph);
    this.batches =
        batches(
            data,
            BatchOptions.defaults()
                .withBatchSize(config.batchSize())
                .withSeed(config.seed())
                .withSampling(Sampling.DISTINCT_CLASSES)
                .withCropSize(geometry.side())
                .withAugmentation(true, config.flip()));
  }

  @Override
  protected Scalars runStep(long step) {
    Batch b = batches.next();
    float lr = config.learningRateAt(step);
    String[] captions =
        config.wordDropout() == 0
            ? b.captions()
            : WordDropout.apply(
                b.captions(),
                config.wordDropout(),
                StepRandom.of(config.seed(), step, WORD_DROPOUT_STREAM));
    try (TInt32 chars = BatchTensors.chars(config.text().alphabet(), captions);
        TFloat32 images = features == null ? images(b, step) : features.rows(b.records());
        TFloat32 rate = TFloat32.scalarOf(lr);
        Result r =
            session()
                .runner()
                .feed(graph.chars, chars)
                .feed(graph.images, images)
                .feed(graph.learningRate, rate)
                .addTarget(graph.train)
                .fetch(graph.loss)
                .run()) {
      return new Scalars(((TFloat32) r.get(0)).getFloat(), lr);
    }
  }

  /** The batch's images, shifted and scaled if the config asks. */
  private TFloat32 images(Batch b, long step) {
    if (config.maxShift() == 0 && config.maxScale() == 0) {
      return BatchTensors.images(b);
    }
    float[] pixels =
        ShiftScale.apply(
            b.images(),
            b.size(),
            b.height(),
            StepRandom.of(config.seed(), step, AUGMENT_STREAM),
            config.maxShift(),
            config.maxScale());
    return BatchTensors.rows(pixels, 0, b.size(), b.height(), b.width(), b.channels());
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint with a lower --lr";
  }

  /** φ(t) from the training graph itself, row-major {@code [texts, dim]}. */
  public float[] encodeTexts(String[] texts) {
    return new ChunkedInference(session(), graph.textEmbedding)
        .run(
            texts.length,
            (start, count) ->
                Map.of(
                    graph.chars,
                    BatchTensors.chars(
                        config.text().alphabet(),
                        Arrays.copyOfRange(texts, start, start + count))));
  }
}
