package t2i.training.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.data.batch.StepRandom;
import t2i.graph.DiffAugment;
import t2i.training.ChunkedInference;
import t2i.training.Interpolation;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingDim;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the GAN on the trainval split: each step one D update, then one G update, on the same
 * batch and noise. Text inputs are precomputed caption embeddings, each the mean of {@code
 * captionsAveraged} captions of the record (wrong text from a record of another class); GAN-INT's
 * extra half batch mixes each right text with the next one's. Noise and caption choices derive from
 * (seed, step), so a resumed run continues exactly.
 */
public final class GanTrainer extends RunFrame<GanTrainer.Scalars> implements ImageGenerator {
  public static final String KIND = "gan";
  private static final int RANDOM_STREAM = 7;

  /** What a step reports: both losses, D's mean probability on real and fake pairs, the rate. */
  public record Scalars(double lossD, double lossG, double dReal, double dFake, float lr) {}

  private final GanTrainingConfig config;
  private final GanGraph graph;
  private final BatchPipeline batches;
  private final CaptionEmbeddings embeddings;

  public GanTrainer(
      GanTrainingConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, config.precision());
    this.config = config;
    Dataset dataset = Dataset.open(Path.of(config.dataset()));
    this.embeddings = CaptionEmbeddings.read(Path.of(config.embeddings()));
    EmbeddingDim.check(
        config.embeddings(), embeddings.dim(), "the GAN", config.gan().embeddingDim());
    DecodedSplit data = DecodedSplit.load(dataset, Split.TRAINVAL, progress);
    imageGeometry().checkFeeds(data, "the GAN");
    this.graph = new GanGraph(config);
    open(graph.graph);
    this.batches =
        batches(
            data,
            BatchOptions.defaults()
                .withBatchSize(config.batchSize())
                .withSeed(config.seed())
                .withCropSize(imageGeometry().side())
                .withAugmentation(true, config.flip()));
  }

  @Override
  protected Scalars runStep(long step) {
    Batch b = batches.next();
    int n = b.size();
    int e = embeddings.dim();
    int zDim = config.gan().zDim();
    SplittableRandom random = StepRandom.of(config.seed(), step, RANDOM_STREAM);
    float[] right = new float[n * e];
    float[] wrong = new float[n * e];
    for (int i = 0; i < n; i++) {
      embeddings.addMean(
          Split.TRAINVAL, b.records()[i], config.captionsAveraged(), random, right, i * e);
      embeddings.addMean(
          Split.TRAINVAL, b.wrongRecords()[i], config.captionsAveraged(), random, wrong, i * e);
    }
    float[] z = Noise.normal(random, n * zDim);
    int half = n / 2;
    float[] mixed = new float[half * e];
    for (int i = 0; i < half; i++) {
      int next = (i + 1) % n;
      Interpolation.lerp(
          right, i * e, right, next * e, config.interpolationBeta(), mixed, i * e, e);
    }
    float[] zMixed = Noise.normal(random, half * zDim);
    float lr = config.learningRateAt(step);
    DiffAugment.Draw[] draws = GanGraph.StepInputs.augmentDraws(config, n, random);
    GanGraph.Losses losses =
        graph.step(
            session(),
            new GanGraph.StepInputs(
                n,
                b.images(),
                right,
                wrong,
                z,
                mixed,
                zMixed,
                lr,
                config.recipe().emaDecayAt(step),
                draws[0],
                draws[1],
                draws[2]));
    return new Scalars(losses.lossD(), losses.lossG(), losses.realScore(), losses.fakeScore(), lr);
  }

  @Override
  public float[] generate(float[] z, float[] text, int n) {
    return new ChunkedInference(session(), graph.samples)
        .run(
            n,
            new ChunkedInference.Rows(graph.sampleZ, z, zDim()),
            new ChunkedInference.Rows(graph.sampleText, text, embeddings.dim()));
  }

  public CaptionEmbeddings embeddings() {
    return embeddings;
  }

  @Override
  public GanTrainingConfig config() {
    return config;
  }
}
