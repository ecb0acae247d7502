package t2i.training.scenejudge;

import java.io.IOException;
import java.nio.file.Path;
import t2i.data.Progress;
import t2i.training.run.RunDirectory;

/** Tiny scene-judge runs on a scenes fixture, for the tests of every module. */
public final class TinySceneJudges {
  private TinySceneJudges() {}

  /** Networks of width 4 on 16-pixel crops and scenes, batches of 8 crops and 4 scenes. */
  public static SceneJudgeConfig config(Path dataset, long seed) {
    return SceneJudgeConfig.defaultsFor(dataset)
        .cropSide(16)
        .cropWidth(4)
        .cropFeatures(16)
        .backgroundSide(16)
        .backgroundWidth(4)
        .backgroundFeatures(8)
        .batchSize(8)
        .backgroundBatchSize(4)
        .learningRate(0.005f)
        .seed(seed)
        .build();
  }

  /** A run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path train(Path run, SceneJudgeConfig config, int steps) throws IOException {
    RunDirectory.create(run, SceneJudgeTrainer.KIND, config);
    try (SceneJudgeTrainer t = new SceneJudgeTrainer(config, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }
}
