package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import t2i.data.Split;
import t2i.training.run.RunDirectory;

/** Tiny box-generator runs on a scenes fixture, for the tests of every module. */
public final class TinyBoxRuns {
  private TinyBoxRuns() {}

  /** The tiny encoders and generator, batches of 8, Adam at 0.01. */
  public static BoxesConfig config(Path dataset, String encoder, long seed) {
    List<SceneLayout> scenes = SceneLayouts.read(dataset, Split.TRAINVAL);
    return BoxesConfig.defaultsFor(dataset, SceneLayouts.maxObjects(scenes))
        .textPreset("tiny")
        .encoder(encoder)
        .batchSize(8)
        .learningRate(0.01f)
        .seed(seed)
        .build();
  }

  /** A run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path train(Path run, BoxesConfig config, int steps) throws IOException {
    RunDirectory.create(run, BoxesTrainer.KIND, config);
    try (BoxesTrainer t = new BoxesTrainer(config, run, null, 1)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }
}
