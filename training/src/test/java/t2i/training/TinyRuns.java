package t2i.training;

import java.io.IOException;
import java.nio.file.Path;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.emoji.EmojiFixture;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.GanTrainingConfig.Loss;
import t2i.training.run.RunDirectory;

/**
 * The tiny runs tests build on: the emoji fixture, a tiny joint embedding trained one step with its
 * caption embeddings, and GAN configurations on them.
 */
public final class TinyRuns {
  public final Path dataset;
  public final Path embeddingRun;
  public final Path embeddings;

  private TinyRuns(Path dataset, Path embeddingRun, Path embeddings) {
    this.dataset = dataset;
    this.embeddingRun = embeddingRun;
    this.embeddings = embeddings;
  }

  public static TinyRuns create(Path dir) throws IOException {
    return create(dir, EmojiFixture.buildDataset(dir));
  }

  /**
   * The tiny embedding and its caption embeddings on {@code dataset}, the run under {@code dir}.
   */
  public static TinyRuns create(Path dir, Path dataset) throws IOException {
    int classes = Dataset.open(dataset).manifest().classes(Split.TRAINVAL).size();
    EmbeddingConfig c =
        EmbeddingConfig.builder(dataset.toString(), classes)
            .text(TextEncoderConfig.tiny())
            .image(ImageEncoderConfig.tiny())
            .batchSize(classes)
            .build();
    Path run = dir.resolve("embedding");
    RunDirectory.create(run, EmbeddingTrainer.KIND, c);
    try (EmbeddingTrainer t = new EmbeddingTrainer(c, run, null, 1, Progress.NONE)) {
      t.trainStep();
      t.checkpoint(1.0);
    }
    Path embeddings;
    try (EmbeddingModel m = EmbeddingModel.load(run, 1)) {
      embeddings = CaptionEmbeddings.write(m, Dataset.open(dataset), "tiny", false, Progress.NONE);
    }
    return new TinyRuns(dataset, run, embeddings);
  }

  /** A tiny GAN on these embeddings: batch 8, Adam 2e-4, seed 3. */
  public GanTrainingConfig gan(Loss loss) {
    return GanTrainingConfig.builder(
            dataset.toString(), embeddings.toString(), TextEncoderConfig.tiny().embeddingDim())
        .preset("tiny")
        .loss(loss)
        .batchSize(8)
        .seed(3)
        .flip(false)
        .build();
  }

  /** A tiny GAN run trained {@code steps} steps and checkpointed. */
  public Path trainGan(Path run, Loss loss, int steps) throws IOException {
    return trainGan(run, gan(loss), steps);
  }

  /** A GAN run of {@code config} trained {@code steps} steps and checkpointed. */
  public static Path trainGan(Path run, GanTrainingConfig config, int steps) throws IOException {
    RunDirectory.create(run, GanTrainer.KIND, config);
    try (GanTrainer t = new GanTrainer(config, run, null, 1, Progress.NONE)) {
      for (int i = 0; i < steps; i++) {
        t.trainStep();
      }
      t.checkpoint(1.0);
    }
    return run;
  }
}
