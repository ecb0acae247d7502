package t2i.training.embedding;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.DataException;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchOptions.Sampling;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;
import t2i.training.Sessions;
import t2i.training.loop.StepResult;
import t2i.training.loop.Trainer;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;

/**
 * Trains the joint embedding: each step takes one image and one caption from each of {@code
 * batchSize} distinct trainval classes, feeds the learning rate of that step, and runs the train
 * op. Batch {@code i} depends only on (seed, i), and the checkpoint holds every variable including
 * the optimizer's slots, so a resumed run continues exactly.
 */
public final class EmbeddingTrainer implements Trainer {
  public static final String KIND = "embedding";

  private final EmbeddingConfig config;
  private final EmbeddingGraph graph;
  private final Session session;
  private final Checkpoints checkpoints;
  private final BatchPipeline batches;
  private final ImageFeatures features;
  private long step;

  /**
   * @param resumeFrom the checkpoint to continue from, or null for a new run
   * @param threads TF intra-op threads (0: one per core)
   */
  public EmbeddingTrainer(
      EmbeddingConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    this.config = config;
    Dataset dataset = Dataset.open(Path.of(config.dataset()));
    DecodedSplit data = DecodedSplit.load(dataset, Split.TRAINVAL, progress);
    this.features =
        config.imageFeatures() == null
            ? null
            : ImageFeatures.load(
                Path.of(config.imageFeatures()),
                dataset,
                Split.TRAINVAL,
                config.image().featureDim());
    this.graph = EmbeddingGraph.training(config);
    this.session = Sessions.open(graph.graph, threads, resumeFrom);
    this.checkpoints = new Checkpoints(runDir, 3);
    this.step = resumeFrom == null ? 0 : resumeFrom.step();
    BatchOptions options =
        BatchOptions.defaults()
            .withBatchSize(config.batchSize())
            .withSeed(config.seed())
            .withSampling(Sampling.DISTINCT_CLASSES)
            .withAugmentation(true, config.flip())
            .withFirstBatch(step);
    this.batches = new BatchPipeline(data, options);
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public List<String> scalarNames() {
    return List.of("loss", "lr");
  }

  @Override
  public StepResult trainStep() {
    Batch b = batches.next();
    float lr = config.learningRateAt(step);
    try (TInt32 chars = BatchTensors.chars(b.captions());
        TFloat32 images = features == null ? BatchTensors.images(b) : features.rows(b.records());
        TFloat32 rate = TFloat32.scalarOf(lr);
        Result r =
            session
                .runner()
                .feed(graph.chars, chars)
                .feed(graph.images, images)
                .feed(graph.learningRate, rate)
                .addTarget(graph.train)
                .fetch(graph.loss)
                .run()) {
      double loss = ((TFloat32) r.get(0)).getFloat();
      if (!Double.isFinite(loss)) {
        throw new DataException(
            "training diverged at step "
                + (step + 1)
                + " (loss "
                + loss
                + "): resume from the"
                + " last checkpoint with a lower --lr");
      }
      step++;
      Map<String, Double> scalars = new LinkedHashMap<>();
      scalars.put("loss", loss);
      scalars.put("lr", (double) lr);
      return new StepResult(step, scalars);
    }
  }

  @Override
  public void checkpoint(double elapsedSeconds) throws IOException {
    checkpoints.save(session, step, elapsedSeconds);
  }

  /** φ(t) from the training graph itself, row-major {@code [texts, dim]}. */
  public float[] encodeTexts(String[] texts) {
    try (TInt32 chars = BatchTensors.chars(texts);
        Result r = session.runner().feed(graph.chars, chars).fetch(graph.textEmbedding).run()) {
      return BatchTensors.floats((TFloat32) r.get(0));
    }
  }

  @Override
  public void close() {
    batches.close();
    session.close();
    graph.graph.close();
  }
}
