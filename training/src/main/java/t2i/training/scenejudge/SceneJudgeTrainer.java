package t2i.training.scenejudge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.Progress;
import t2i.data.batch.StepRandom;
import t2i.data.image.Images;
import t2i.error.UserException;
import t2i.training.Precision;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the scene judge on the real scenes of trainval and of the test split after the reserved
 * scenes (it is a judge: it never takes part in training a generator). Each step draws {@code
 * batchSize} objects and {@code backgroundBatchSize} scenes uniformly, with their augmentation,
 * from (seed, step) alone, so a resumed run continues exactly; the twin draws from its style's
 * objects.
 */
public final class SceneJudgeTrainer extends RunFrame<SceneJudgeTrainer.Scalars> {
  public static final String KIND = "scene-judge";
  private static final int OBJECTS_STREAM = 100_003;
  private static final int TWIN_STREAM = 200_003;
  private static final int BACKGROUND_STREAM = 300_003;

  /**
   * What a step reports.
   *
   * @param loss the object network's class plus emoji cross entropy
   * @param lossBackground the background network's cross entropy
   * @param lossTwin the twin's loss (0 without a twin)
   */
  public record Scalars(double loss, double lossBackground, double lossTwin) {}

  private final SceneJudgeConfig config;
  private final SceneJudgeGraph graph;
  private final SceneJudgeData data;
  private final SceneJudgeData twinData;

  public SceneJudgeTrainer(
      SceneJudgeConfig config, Path runDir, Checkpoint resumeFrom, int threads, Progress progress)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, Precision.FLOAT32);
    this.config = config;
    progress.start("read and decode the training scenes", 0);
    this.data = SceneJudgeData.training(config, null);
    this.twinData = config.twinStyle() == null ? null : data.ofStyle(config.twinStyle(), false);
    progress.finish();
    if (twinData != null && twinData.items().isEmpty()) {
      throw new UserException(
          "the twin's style " + config.twinStyle() + " has no scenes in " + config.dataset());
    }
    this.graph = SceneJudgeGraph.training(config);
    open(graph.graph);
  }

  /** Objects the judge trains on (the twin's are a subset). */
  public int objects() {
    return data.items().size();
  }

  /** Trainable parameters of the object network and of the background network. */
  public long[] parameterCounts() {
    return new long[] {graph.objects.net.parameterCount(), graph.background.net.parameterCount()};
  }

  /** Scenes the judge trains on. */
  public int scenes() {
    return data.scenes().size();
  }

  @Override
  protected Scalars runStep(long step) {
    try (TFloat32 rate = TFloat32.scalarOf(config.learningRate());
        ObjectFeed objects =
            new ObjectFeed(
                graph.objects, data, StepRandom.of(config.seed(), step, OBJECTS_STREAM));
        ObjectFeed twin =
            twinData == null
                ? null
                : new ObjectFeed(
                    graph.twin, twinData, StepRandom.of(config.seed(), step, TWIN_STREAM));
        BackgroundFeed background =
            new BackgroundFeed(StepRandom.of(config.seed(), step, BACKGROUND_STREAM))) {
      Session.Runner runner = session().runner().feed(graph.learningRate, rate);
      objects.addTo(runner);
      background.addTo(runner);
      runner.fetch(graph.objects.loss).fetch(graph.background.loss);
      if (twin != null) {
        twin.addTo(runner);
        runner.fetch(graph.twin.loss);
      }
      try (Result r = runner.addTarget(graph.train).run()) {
        return new Scalars(
            ((TFloat32) r.get(0)).getFloat(),
            ((TFloat32) r.get(1)).getFloat(),
            twin == null ? 0 : ((TFloat32) r.get(2)).getFloat());
      }
    }
  }

  /** One object network's crops and labels, as tensors. */
  private final class ObjectFeed implements AutoCloseable {
    private final SceneJudgeGraph.Objects net;
    private final TFloat32 crops;
    private final TInt32 classes;
    private final TInt32 emoji;

    ObjectFeed(SceneJudgeGraph.Objects net, SceneJudgeData d, SplittableRandom random) {
      this.net = net;
      int n = config.batchSize();
      int side = config.cropSide();
      float[] pixels = new float[n * side * side * Images.CHANNELS];
      int[] c = new int[n];
      int[] e = new int[n];
      List<SceneJudgeData.Item> items = d.items();
      for (int i = 0; i < n; i++) {
        SceneJudgeData.Item item = items.get(random.nextInt(items.size()));
        Crops.Jitter jitter =
            new Crops.Jitter(
                config.maxShift() * (2 * random.nextDouble() - 1),
                config.maxShift() * (2 * random.nextDouble() - 1),
                1 + config.maxScale() * (2 * random.nextDouble() - 1));
        Crops.crop(
            d.pixels(item.scene()),
            0,
            d.side(),
            item.box(),
            config.cropMargin(),
            jitter,
            side,
            pixels,
            i);
        c[i] = item.classId();
        e[i] = item.emoji();
      }
      this.crops =
          TFloat32.tensorOf(
              Shape.of(n, side, side, Images.CHANNELS), DataBuffers.of(pixels, true, false));
      this.classes = TInt32.vectorOf(c);
      this.emoji = TInt32.vectorOf(e);
    }

    void addTo(Session.Runner runner) {
      runner.feed(net.crops, crops).feed(net.classes, classes).feed(net.emoji, emoji);
    }

    @Override
    public void close() {
      crops.close();
      classes.close();
      emoji.close();
    }
  }

  /** The background network's inputs and labels, as tensors. */
  private final class BackgroundFeed implements AutoCloseable {
    private final TFloat32 inputs;
    private final TInt32 labels;

    BackgroundFeed(SplittableRandom random) {
      int n = config.backgroundBatchSize();
      int side = config.backgroundSide();
      float[] values = new float[n * side * side * Crops.BACKGROUND_CHANNELS];
      int[] l = new int[n];
      for (int i = 0; i < n; i++) {
        int s = random.nextInt(data.scenes().size());
        SceneJudgeData.Scene scene = data.scenes().get(s);
        Crops.background(
            data.pixels(s), 0, data.side(), scene.boxes(), side, random.nextBoolean(), values, i);
        l[i] = scene.background();
      }
      this.inputs =
          TFloat32.tensorOf(
              Shape.of(n, side, side, Crops.BACKGROUND_CHANNELS),
              DataBuffers.of(values, true, false));
      this.labels = TInt32.vectorOf(l);
    }

    void addTo(Session.Runner runner) {
      runner.feed(graph.background.inputs, inputs).feed(graph.background.labels, labels);
    }

    @Override
    public void close() {
      inputs.close();
      labels.close();
    }
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint; if it recurs, start a new run with a lower --lr";
  }

  public SceneJudgeConfig config() {
    return config;
  }
}
