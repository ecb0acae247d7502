package t2i.training.judge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.TextImageRecord;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.BatchSampler;
import t2i.data.batch.StepRandom;
import t2i.error.UserException;
import t2i.graph.Dcgan;
import t2i.training.BatchTensors;
import t2i.training.Precision;
import t2i.training.ShiftScale;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the judge on the real images of every record (both splits: the judge names concepts the
 * GAN never trained on), shifted and scaled a little, and beside it the twin on one art style's
 * records, which {@link JudgeEvaluator} then tests on the other style. Batch {@code i} and its
 * augmentation depend only on (seed, i), so a resumed run continues exactly.
 */
public final class JudgeTrainer extends RunFrame<JudgeTrainer.Scalars> {
  public static final String KIND = "judge";
  private static final int AUGMENT_STREAM = 11;
  private static final int TWIN_AUGMENT_STREAM = 12;

  /** What a step reports: each tower's loss (concept plus subcategory cross entropy). */
  public record Scalars(double loss, double lossTwin) {}

  private final JudgeConfig config;
  private final JudgeGraph graph;
  private final JudgeData data;
  private final JudgeData twinData;
  private final BatchSampler twinBatches;
  private final BatchPipeline batches;

  public JudgeTrainer(
      JudgeConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, Precision.FLOAT32);
    this.config = config;
    Dataset dataset = Dataset.open(Path.of(config.dataset()));
    List<TextImageRecord> all = JudgeData.allRecords(dataset, progress);
    this.data = JudgeData.of(dataset, all);
    BatchOptions options =
        BatchOptions.defaults()
            .withBatchSize(config.batchSize())
            .withSeed(config.seed())
            .withCropSize(Dcgan.IMAGE_SIZE)
            .withAugmentation(false, false);
    if (config.twinStyle() != null) {
      if (!dataset.manifest().recordsPerStyle().containsKey(config.twinStyle())) {
        throw new UserException(
            "the twin's style "
                + config.twinStyle()
                + " is not in "
                + config.dataset()
                + ", which has "
                + String.join(", ", dataset.manifest().recordsPerStyle().keySet()));
      }
      List<TextImageRecord> own = new ArrayList<>();
      for (TextImageRecord r : all) {
        if (r.style().equals(config.twinStyle())) {
          own.add(r);
        }
      }
      this.twinData = JudgeData.of(dataset, own);
      this.twinBatches = new BatchSampler(twinData.images(), options.withSeed(config.seed() + 1));
    } else {
      this.twinData = null;
      this.twinBatches = null;
    }
    this.graph = JudgeGraph.training(config);
    open(graph.graph);
    this.batches = batches(data.images(), options);
  }

  @Override
  protected Scalars runStep(long step) {
    Batch b = batches.next();
    try (TFloat32 rate = TFloat32.scalarOf(config.learningRate());
        Feed judge =
            new Feed(graph.judge, b, data, StepRandom.of(config.seed(), step, AUGMENT_STREAM));
        Feed twin =
            twinBatches == null
                ? null
                : new Feed(
                    graph.twin,
                    twinBatches.batch(step),
                    twinData,
                    StepRandom.of(config.seed(), step, TWIN_AUGMENT_STREAM))) {
      Session.Runner runner = session().runner().feed(graph.learningRate, rate);
      judge.addTo(runner);
      runner.fetch(graph.judge.loss);
      if (twin != null) {
        twin.addTo(runner);
        runner.fetch(graph.twin.loss);
      }
      try (Result r = runner.addTarget(graph.train).run()) {
        double loss = ((TFloat32) r.get(0)).getFloat();
        double lossTwin = twin == null ? 0 : ((TFloat32) r.get(1)).getFloat();
        return new Scalars(loss, lossTwin);
      }
    }
  }

  /** One tower's augmented images and labels, as tensors. */
  private final class Feed implements AutoCloseable {
    private final JudgeGraph.Tower tower;
    private final TFloat32 images;
    private final TInt32 concepts;
    private final TInt32 subcategories;

    Feed(JudgeGraph.Tower tower, Batch b, JudgeData d, SplittableRandom random) {
      this.tower = tower;
      int n = b.size();
      float[] pixels =
          ShiftScale.apply(b.images(), n, b.height(), random, config.maxShift(), config.maxScale());
      int[] c = new int[n];
      int[] s = new int[n];
      for (int i = 0; i < n; i++) {
        c[i] = d.concept(b.records()[i]);
        s[i] = d.subcategory(b.records()[i]);
      }
      this.images = BatchTensors.rows(pixels, 0, n, b.height(), b.width(), b.channels());
      this.concepts = TInt32.vectorOf(c);
      this.subcategories = TInt32.vectorOf(s);
    }

    void addTo(Session.Runner runner) {
      runner
          .feed(tower.images, images)
          .feed(tower.concepts, concepts)
          .feed(tower.subcategories, subcategories);
    }

    @Override
    public void close() {
      images.close();
      concepts.close();
      subcategories.close();
    }
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint; if it recurs, start a new run with a lower rate";
  }

  public JudgeConfig config() {
    return config;
  }
}
