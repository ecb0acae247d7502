package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Result;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TString;
import t2i.data.Split;
import t2i.data.batch.StepRandom;
import t2i.training.Precision;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunFrame;

/**
 * Trains the box generator and its caption encoder on the trainval scenes: each step draws {@code
 * batchSize} (scene, caption) pairs from (seed, step) alone, so a resumed run continues exactly.
 */
public final class BoxesTrainer extends RunFrame<BoxesTrainer.Scalars>
    implements BoxSamples.Sampler {
  public static final String KIND = "boxes";
  private static final int PAIRS_STREAM = 21;

  /**
   * What a step reports.
   *
   * @param loss λ_l · labelNll + λ_b · boxNll
   * @param labelNll −mean log p(l_t), the end step included
   * @param boxNll −mean log p(b_t) over the objects
   * @param gradientNorm the gradients' global norm before clipping
   */
  public record Scalars(double loss, double labelNll, double boxNll, double gradientNorm) {}

  private final BoxesConfig config;
  private final BoxesGraph graph;
  private final List<SceneLayout> scenes;

  public BoxesTrainer(BoxesConfig config, Path runDir, Checkpoint resumeFrom, int threads)
      throws IOException {
    super(Scalars.class, runDir, resumeFrom, threads, Precision.FLOAT32);
    this.config = config;
    this.scenes = SceneLayouts.read(Path.of(config.dataset()), Split.TRAINVAL);
    this.graph = BoxesGraph.training(config);
    open(graph.graph);
  }

  @Override
  protected Scalars runStep(long step) {
    int n = config.batchSize();
    int steps = config.steps();
    String[] captions = new String[n];
    List<SceneLayout> drawn = new ArrayList<>(n);
    SplittableRandom random = StepRandom.of(config.seed(), step, PAIRS_STREAM);
    for (int i = 0; i < n; i++) {
      SceneLayout s = scenes.get(random.nextInt(scenes.size()));
      captions[i] = s.captions().get(random.nextInt(s.captions().size()));
      drawn.add(s);
    }
    try (TString c = TString.tensorOf(NdArrays.vectorOfObjects(captions));
        TInt32 l = LayoutTargets.labels(drawn, steps, config.generator().endClass());
        TFloat32 b = LayoutTargets.boxes(drawn, steps);
        TFloat32 rate = TFloat32.scalarOf(config.learningRate());
        Result r =
            session()
                .runner()
                .feed(graph.text, c)
                .feed(graph.labels, l)
                .feed(graph.boxes, b)
                .feed(graph.learningRate, rate)
                .fetch(graph.loss.total())
                .fetch(graph.loss.labelNll())
                .fetch(graph.loss.boxNll())
                .fetch(graph.gradientNorm)
                .addTarget(graph.train)
                .run()) {
      return new Scalars(
          ((TFloat32) r.get(0)).getFloat(),
          ((TFloat32) r.get(1)).getFloat(),
          ((TFloat32) r.get(2)).getFloat(),
          ((TFloat32) r.get(3)).getFloat());
    }
  }

  @Override
  public String divergenceAdvice() {
    return "resume from the last checkpoint; if it recurs, start a new run with a lower --lr";
  }

  @Override
  public BoxesConfig config() {
    return config;
  }

  /** Layouts from the current weights, as {@link LayoutModel#sample} draws them. */
  @Override
  public List<List<LayoutObject>> sample(List<String> captions, long[] seeds, float temperature) {
    return LayoutModel.sample(session(), graph, captions, seeds, temperature);
  }
}
