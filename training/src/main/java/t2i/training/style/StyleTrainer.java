package t2i.training.style;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;
import t2i.data.Split;
import t2i.data.batch.StepRandom;
import t2i.training.BatchTensors;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.Noise;
import t2i.training.loop.StepResult;
import t2i.training.loop.TrainingListener;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunDirectory;
import t2i.training.run.RunFrame;

/**
 * Trains S on samples of the frozen G: each step, z ~ N(0, 1) and the mean embedding of (as G was
 * trained) a few captions of random trainval records, both derived from (seed, step) so that a
 * resumed run continues exactly. A new run takes G's weights from the GAN run's checkpoint; the
 * style run's own checkpoints hold them from then on.
 */
public final class StyleTrainer extends RunFrame<StyleTrainer.Scalars> {
  public static final String KIND = "style";
  private static final int RANDOM_STREAM = 11;

  /** What a step reports: L_style on the step's batch. */
  public record Scalars(double lossStyle) {}

  private final StyleTrainingConfig config;
  private final GanTrainingConfig gan;
  private final StyleGraph graph;
  private final CaptionEmbeddings embeddings;

  public StyleTrainer(StyleTrainingConfig config, Path runDir, Checkpoint resumeFrom, int threads)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, config.precision());
    this.config = config;
    this.gan = ganConfig(Path.of(config.gan()));
    config.checkInverts(gan.gan(), config.gan());
    this.embeddings = CaptionEmbeddings.read(Path.of(gan.embeddings()));
    this.graph = new StyleGraph(config, gan.gan());
    open(graph.graph);
    if (!resuming()) {
      graph.loadGenerator.run(session(), ganCheckpoint(config));
    }
  }

  static GanTrainingConfig ganConfig(Path ganRun) {
    return RunDirectory.open(ganRun, GanTrainer.KIND).config(GanTrainingConfig.class);
  }

  /** The GAN checkpoint the configuration names. */
  static Checkpoint ganCheckpoint(StyleTrainingConfig c) {
    Path dir = Path.of(c.gan()).resolve("checkpoints").resolve("step-" + c.ganStep());
    return new Checkpoint(c.ganStep(), dir, 0);
  }

  @Override
  protected Scalars runStep(long step) {
    SplittableRandom random = StepRandom.of(config.seed(), step, RANDOM_STREAM);
    int n = config.batchSize();
    try (TFloat32 z = BatchTensors.matrix(Noise.normal(random, n * zDim()), n, zDim());
        TFloat32 text = BatchTensors.matrix(texts(Split.TRAINVAL, n, random), n, embeddings.dim());
        TFloat32 lr = TFloat32.scalarOf(config.learningRate());
        Result r =
            session()
                .runner()
                .feed(graph.z, z)
                .feed(graph.text, text)
                .feed(graph.learningRate, lr)
                .addTarget(graph.train)
                .fetch(graph.loss)
                .run()) {
      return new Scalars(((TFloat32) r.get(0)).getFloat());
    }
  }

  /** Mean caption embeddings of {@code n} random records of a split. */
  float[] texts(Split split, int n, SplittableRandom random) {
    int records = embeddings.records(split);
    int e = embeddings.dim();
    float[] out = new float[n * e];
    for (int i = 0; i < n; i++) {
      embeddings.addMean(
          split, random.nextInt(records), gan.captionsAveraged(), random, out, i * e);
    }
    return out;
  }

  /**
   * A listener that prints the held-out L_style when the session ends (1024 samples with test-class
   * captions, S in inference mode).
   */
  public TrainingListener heldOutLossAtEnd(PrintWriter out) {
    return new TrainingListener() {
      @Override
      public void stepDone(StepResult result, double elapsedSeconds) {}

      @Override
      public void finished(long step, double elapsedSeconds) {
        out.printf(
            Locale.ROOT,
            "held-out L_style (S in inference mode, 1024 samples with test-class captions):"
                + " %.3f%n",
            heldOutLoss(1024, config.seed() + 99));
        out.flush();
      }
    };
  }

  /** L_style of S in inference mode on {@code n} samples with test-class captions (held out). */
  public double heldOutLoss(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    try (TFloat32 z = BatchTensors.matrix(Noise.normal(random, n * zDim()), n, zDim());
        TFloat32 text = BatchTensors.matrix(texts(Split.TEST, n, random), n, embeddings.dim());
        Result r =
            session()
                .runner()
                .feed(graph.z, z)
                .feed(graph.text, text)
                .fetch(graph.heldOutLoss)
                .run()) {
      return ((TFloat32) r.get(0)).getFloat();
    }
  }

  private int zDim() {
    return gan.gan().zDim();
  }

  /** G's and S's variable values, for tests. */
  float[][] values(boolean generator) {
    var vars = generator ? graph.generator.all() : graph.style.all();
    float[][] out = new float[vars.size()][];
    for (int i = 0; i < out.length; i++) {
      try (Result r = session().runner().fetch(vars.get(i)).run()) {
        out[i] = BatchTensors.floats((TFloat32) r.get(0));
      }
    }
    return out;
  }
}
