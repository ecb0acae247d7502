package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import t2i.training.run.RunDirectory;

/** Tiny shape-generator runs on a scenes fixture, for the tests of every module. */
public final class TinyShapeRuns {
  private TinyShapeRuns() {}

  /** The tiny preset, batches of 4, Adam at 2e-3. */
  public static ShapesConfig config(Path dataset, long seed) {
    return ShapesConfig.defaultsFor(dataset, SceneLayouts.maxObjects(dataset))
        .preset("tiny")
        .batchSize(4)
        .learningRate(2e-3f)
        .seed(seed)
        .build();
  }

  /** A run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path train(Path run, ShapesConfig config, int steps) throws IOException {
    RunDirectory.create(run, ShapesTrainer.KIND, config);
    try (ShapesTrainer t = new ShapesTrainer(config, run, null, 1)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }
}
