package t2i.training.gan;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import t2i.data.DataException;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;
import t2i.training.Sessions;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.loop.StepResult;
import t2i.training.loop.Trainer;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;

/**
 * Trains the GAN on the trainval split: each step one D update, then one G update, on the same
 * batch and noise. Text inputs are precomputed caption embeddings, each the mean of {@code
 * captionsAveraged} captions of the record (wrong text from a record of another class); GAN-INT's
 * extra half batch mixes each right text with the next one's. Noise and caption choices derive from
 * (seed, step), so a resumed run continues exactly.
 */
public final class GanTrainer implements Trainer {
  public static final String KIND = "gan";
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private final GanTrainingConfig config;
  private final GanGraph graph;
  private final Session session;
  private final Checkpoints checkpoints;
  private final BatchPipeline batches;
  private final CaptionEmbeddings embeddings;
  private long step;

  public GanTrainer(
      GanTrainingConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    this.config = config;
    Dataset dataset = Dataset.open(Path.of(config.dataset()));
    this.embeddings = CaptionEmbeddings.read(Path.of(config.embeddings()));
    if (embeddings.dim() != config.gan().embeddingDim()) {
      throw new DataException(
          config.embeddings()
              + " holds "
              + embeddings.dim()
              + "-d embeddings; the GAN expects "
              + config.gan().embeddingDim());
    }
    DecodedSplit data = DecodedSplit.load(dataset, Split.TRAINVAL, progress);
    this.graph = new GanGraph(config);
    this.session = Sessions.open(graph.graph, threads, resumeFrom);
    this.checkpoints = new Checkpoints(runDir, 3);
    this.step = resumeFrom == null ? 0 : resumeFrom.step();
    this.batches =
        new BatchPipeline(
            data,
            BatchOptions.defaults()
                .withBatchSize(config.batchSize())
                .withSeed(config.seed())
                .withAugmentation(true, config.flip())
                .withFirstBatch(step));
  }

  @Override
  public long step() {
    return step;
  }

  @Override
  public List<String> scalarNames() {
    return List.of("loss_d", "loss_g", "d_real", "d_fake", "lr");
  }

  @Override
  public StepResult trainStep() {
    Batch b = batches.next();
    int n = b.size();
    int e = embeddings.dim();
    int zDim = config.gan().zDim();
    SplittableRandom random = new SplittableRandom(config.seed() * GOLDEN + step + 7);
    float[] right = new float[n * e];
    float[] wrong = new float[n * e];
    for (int i = 0; i < n; i++) {
      average(b.records()[i], random, right, i * e);
      average(b.wrongRecords()[i], random, wrong, i * e);
    }
    float[] z = normal(random, n * zDim);
    int half = n / 2;
    float beta = config.interpolationBeta();
    float[] mixed = new float[half * e];
    for (int i = 0; i < half; i++) {
      int other = (i + 1) % n;
      for (int d = 0; d < e; d++) {
        mixed[i * e + d] = beta * right[i * e + d] + (1 - beta) * right[other * e + d];
      }
    }
    float[] zMixed = normal(random, half * zDim);
    float lr = config.learningRateAt(step);
    double lossD;
    double realScore;
    double fakeScore;
    double lossG;
    try (TFloat32 images = BatchTensors.images(b);
        TFloat32 r = matrix(right, n, e);
        TFloat32 w = matrix(wrong, n, e);
        TFloat32 noise = matrix(z, n, zDim);
        TFloat32 m = matrix(mixed, half, e);
        TFloat32 mNoise = matrix(zMixed, half, zDim);
        TFloat32 rate = TFloat32.scalarOf(lr)) {
      try (Result d =
          session
              .runner()
              .feed(graph.images, images)
              .feed(graph.right, r)
              .feed(graph.wrong, w)
              .feed(graph.z, noise)
              .feed(graph.learningRate, rate)
              .addTarget(graph.trainD)
              .fetch(graph.lossD)
              .fetch(graph.realScore)
              .fetch(graph.fakeScore)
              .run()) {
        lossD = ((TFloat32) d.get(0)).getFloat();
        realScore = ((TFloat32) d.get(1)).getFloat();
        fakeScore = ((TFloat32) d.get(2)).getFloat();
      }
      var g =
          session
              .runner()
              .feed(graph.right, r)
              .feed(graph.z, noise)
              .feed(graph.learningRate, rate)
              .addTarget(graph.trainG)
              .fetch(graph.lossG);
      if (config.interpolates()) {
        g.feed(graph.interpolatedText, m).feed(graph.interpolatedZ, mNoise);
      }
      try (Result gr = g.run()) {
        lossG = ((TFloat32) gr.get(0)).getFloat();
      }
    }
    if (!Double.isFinite(lossD) || !Double.isFinite(lossG)) {
      throw new DataException(
          "training diverged at step "
              + (step + 1)
              + " (L_D "
              + lossD
              + ", L_G "
              + lossG
              + "): resume from the last checkpoint");
    }
    step++;
    Map<String, Double> scalars = new LinkedHashMap<>();
    scalars.put("loss_d", lossD);
    scalars.put("loss_g", lossG);
    scalars.put("d_real", realScore);
    scalars.put("d_fake", fakeScore);
    scalars.put("lr", (double) lr);
    return new StepResult(step, scalars);
  }

  /** The mean embedding of {@code captionsAveraged} distinct random captions of a record. */
  private void average(int record, SplittableRandom random, float[] out, int offset) {
    int count = embeddings.captions(Split.TRAINVAL, record);
    int k = Math.min(config.captionsAveraged(), count);
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(count - i);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
      embeddings.addTo(Split.TRAINVAL, record, order[i], 1f / k, out, offset);
    }
  }

  static float[] normal(SplittableRandom random, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i += 2) {
      // Box–Muller: SplittableRandom has no nextGaussian
      double u1 = 1 - random.nextDouble();
      double u2 = random.nextDouble();
      double radius = Math.sqrt(-2 * Math.log(u1));
      out[i] = (float) (radius * Math.cos(2 * Math.PI * u2));
      if (i + 1 < n) {
        out[i + 1] = (float) (radius * Math.sin(2 * Math.PI * u2));
      }
    }
    return out;
  }

  private static TFloat32 matrix(float[] values, int rows, int columns) {
    return TFloat32.tensorOf(Shape.of(rows, columns), DataBuffers.of(values, true, false));
  }

  /**
   * G in inference mode on fed noise and text: images row-major {@code [N, 64, 64, 3]} in (−1, 1).
   */
  public float[] sample(float[] z, float[] text, int n) {
    try (TFloat32 noise = matrix(z, n, config.gan().zDim());
        TFloat32 t = matrix(text, n, embeddings.dim());
        Result r =
            session
                .runner()
                .feed(graph.sampleZ, noise)
                .feed(graph.sampleText, t)
                .fetch(graph.samples)
                .run()) {
      TFloat32 out = (TFloat32) r.get(0);
      float[] values = new float[(int) out.shape().size()];
      out.asRawTensor().data().asFloats().read(values);
      return values;
    }
  }

  public CaptionEmbeddings embeddings() {
    return embeddings;
  }

  public GanTrainingConfig config() {
    return config;
  }

  @Override
  public void checkpoint(double elapsedSeconds) throws IOException {
    checkpoints.save(session, step, elapsedSeconds);
  }

  @Override
  public void close() {
    batches.close();
    session.close();
    graph.graph.close();
  }
}
