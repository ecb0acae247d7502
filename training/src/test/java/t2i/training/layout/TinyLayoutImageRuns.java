package t2i.training.layout;

import java.io.IOException;
import java.nio.file.Path;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.run.RunDirectory;

/**
 * Tiny layout image generator runs on a scenes fixture, for the tests of every module: caption
 * embeddings from a tiny box run's caption encoder (as {@code t2i embed} writes them for the real
 * scenes), then the tiny networks.
 */
public final class TinyLayoutImageRuns {
  private TinyLayoutImageRuns() {}

  /** Trains a tiny word-encoder box run two steps and writes its caption embeddings. */
  public static Path embeddings(Path dataset, Path dir) throws IOException {
    Path boxes =
        TinyBoxRuns.train(dir.resolve("boxes"), TinyBoxRuns.config(dataset, "words", 1), 2);
    try (LayoutModel m = LayoutModel.load(boxes, 1)) {
      return CaptionEmbeddings.write(m, Dataset.open(dataset), "tiny", false, Progress.NONE);
    }
  }

  /** The tiny networks, batches of 8, Adam at 2e-4. */
  public static LayoutImageTrainingConfig config(Path dataset, Path embeddings, long seed) {
    int maxObjects = SceneLayouts.maxObjects(dataset);
    return LayoutImageTrainingConfig.defaultsFor(dataset, embeddings, maxObjects)
        .preset("tiny")
        .batchSize(8)
        .seed(seed)
        .build();
  }

  /** A run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path train(Path run, LayoutImageTrainingConfig config, int steps)
      throws IOException {
    RunDirectory.create(run, LayoutImageTrainer.KIND, config);
    try (LayoutImageTrainer t = new LayoutImageTrainer(config, run, null, 1)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }
}
