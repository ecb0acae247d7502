package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.Split;
import t2i.data.batch.StepRandom;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.error.UserException;
import t2i.training.Precision;
import t2i.training.gan.Noise;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the shape generator on the trainval scenes, true boxes → true visible masks: each step
 * draws {@code batchSize} scenes and every object's noise from (seed, step) alone, then one update
 * of both discriminators and one of G, so a resumed run continues exactly.
 */
public final class ShapesTrainer extends RunFrame<ShapesTrainer.Scalars>
    implements ShapeSamples.Drawer {
  public static final String KIND = "shapes";
  private static final int SCENES_STREAM = 23;

  /**
   * What a step reports: the discriminators' losses, G's adversarial terms and its perceptual
   * reconstruction term (before its weight).
   */
  public record Scalars(
      double lossDInstance,
      double lossDGlobal,
      double lossGInstance,
      double lossGGlobal,
      double reconstruction) {}

  private final ShapesConfig config;
  private final ShapesGraph graph;
  private final List<SceneRecord> scenes;

  public ShapesTrainer(ShapesConfig config, Path runDir, Checkpoint resumeFrom, int threads)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, Precision.FLOAT32);
    this.config = config;
    this.scenes = SceneDataset.open(Path.of(config.dataset())).read(Split.TRAINVAL);
    if (scenes.isEmpty()) {
      throw new UserException(config.dataset() + " has no trainval scenes");
    }
    this.graph = ShapesGraph.training(config);
    open(graph.graph);
  }

  @Override
  protected Scalars runStep(long step) {
    int n = config.batchSize();
    SplittableRandom random = StepRandom.of(config.seed(), step, SCENES_STREAM);
    List<SceneRecord> drawn = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      drawn.add(scenes.get(random.nextInt(scenes.size())));
    }
    int slots = config.generator().slots();
    int zDim = config.generator().zDim();
    SceneTensors batch = SceneTensors.layoutsOf(drawn, slots, config.emptyLabel());
    float[] noise = Noise.normal(random, n * slots * zDim);
    try (TFloat32 b = batch.boxTensor();
        TInt32 l = batch.labelTensor();
        TFloat32 m = batch.maskTensor();
        TFloat32 zs =
            TFloat32.tensorOf(Shape.of(n, slots, zDim), DataBuffers.of(noise, true, false));
        TFloat32 rate = TFloat32.scalarOf(config.learningRate())) {
      double dInst;
      double dGlobal;
      try (Result d =
          feedAll(b, l, m, zs, rate)
              .fetch(graph.lossDInstance)
              .fetch(graph.lossDGlobal)
              .addTarget(graph.trainD)
              .run()) {
        dInst = ((TFloat32) d.get(0)).getFloat();
        dGlobal = ((TFloat32) d.get(1)).getFloat();
      }
      try (Result g =
          feedAll(b, l, m, zs, rate)
              .fetch(graph.lossGInstance)
              .fetch(graph.lossGGlobal)
              .fetch(graph.reconstruction)
              .addTarget(graph.trainG)
              .run()) {
        return new Scalars(
            dInst,
            dGlobal,
            ((TFloat32) g.get(0)).getFloat(),
            ((TFloat32) g.get(1)).getFloat(),
            ((TFloat32) g.get(2)).getFloat());
      }
    }
  }

  /** A run of the step's inputs; both updates take them all. */
  private Session.Runner feedAll(
      TFloat32 boxes, TInt32 labels, TFloat32 masks, TFloat32 z, TFloat32 rate) {
    return session()
        .runner()
        .feed(graph.boxes, boxes)
        .feed(graph.labels, labels)
        .feed(graph.masks, masks)
        .feed(graph.z, z)
        .feed(graph.learningRate, rate);
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint; if it recurs, start a new run with a lower --lr";
  }

  @Override
  public ShapesConfig config() {
    return config;
  }

  /** Masks from the current weights, as {@link ShapesModel#masks} draws them. */
  @Override
  public float[] masks(SceneTensors layouts, long[] seeds) {
    return ShapesModel.masks(session(), graph, layouts, seeds);
  }
}
