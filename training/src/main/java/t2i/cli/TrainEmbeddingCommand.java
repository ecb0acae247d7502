package t2i.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.DataException;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.optim.OptimizerType;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunDirectory;

/** {@code t2i train embedding}. */
@Command(
    name = "embedding",
    mixinStandardHelpOptions = true,
    description = {
      "Train the char-CNN-RNN text encoder and an image encoder with the deep symmetric structured"
          + " joint embedding loss (Reed et al., CVPR 2016) on batches of distinct classes; the"
          + " learning rate is multiplied by 0.98 every 'epoch' (one step per trainval class).",
      "Default optimizer: Adam, lr 0.0002. Reed's RMSprop at lr 0.0007 (made for fixed image"
          + " features) diverged here with the image encoder trained too; --optimizer rmsprop"
          + " uses lr 0.0001 unless --lr says otherwise.",
      "On --resume, options left out keep the run's values; architecture options that differ"
          + " from the run's are refused."
    })
final class TrainEmbeddingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin TrainingOptions training;

  @Option(names = "--text-preset", description = "reed (default) or tiny.")
  String textPreset;

  @Option(names = "--image-preset", description = "cpu (default), wide or tiny.")
  String imagePreset;

  @Option(
      names = "--image-features",
      paramLabel = "FILE.npy",
      description =
          "Precomputed image features instead of pixels: float32 [records, D], trainval"
              + " records then test records in shard order.")
  Path imageFeatures;

  @Option(
      names = "--batch",
      description = "Classes per batch (default: 40, at most the trainval classes).")
  Integer batch;

  @Option(names = "--optimizer", description = "adam (default) or rmsprop.")
  String optimizer;

  @Option(
      names = "--lr",
      description = "Initial learning rate (default: 0.0002 for adam, 0.0001 for rmsprop).")
  Float learningRate;

  @Option(names = "--seed", description = "Seed of weights and batches (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    EmbeddingConfig config;
    Checkpoint resumeFrom = null;
    if (training.resume) {
      RunDirectory run = RunDirectory.open(runDir, EmbeddingTrainer.KIND);
      EmbeddingConfig saved = run.config(EmbeddingConfig.class);
      config = resolve(saved);
      if (!config.text().equals(saved.text())
          || !config.image().equals(saved.image())
          || config.batchSize() != saved.batchSize()
          || config.optimizer() != saved.optimizer()) {
        throw new DataException(
            runDir
                + " was trained with another architecture (text "
                + saved.text()
                + ", image "
                + saved.image()
                + ", batch "
                + saved.batchSize()
                + "): resume without"
                + " architecture options, or choose a new --out");
      }
      resumeFrom = TrainingRun.resumePoint(runDir, spec.commandLine().getErr());
    } else {
      config = resolve(null);
      RunDirectory.create(runDir, EmbeddingTrainer.KIND, config);
    }
    try (EmbeddingTrainer trainer =
        new EmbeddingTrainer(
            config,
            runDir,
            resumeFrom,
            training.threads.threads,
            new ConsoleProgress(spec.commandLine().getErr()))) {
      TrainingRun.run(
          trainer, runDir, training, resumeFrom, List.of(), spec.commandLine().getErr());
    }
    return 0;
  }

  /** CLI options over the saved config (resume) or the defaults (new run). */
  private EmbeddingConfig resolve(EmbeddingConfig saved) {
    Path dataset =
        saved != null && !isDataGiven()
            ? Path.of(saved.dataset())
            : data.dir.toAbsolutePath().normalize();
    Dataset ds = Dataset.open(dataset);
    int trainvalClasses = ds.manifest().classes(Split.TRAINVAL).size();
    EmbeddingConfig.Builder b =
        saved != null
            ? saved.toBuilder().dataset(dataset.toString())
            : EmbeddingConfig.builder(dataset.toString(), trainvalClasses)
                .flip(!ds.manifest().name().equals("emoji"));
    if (textPreset != null) {
      b.textPreset(textPreset);
    }
    if (imagePreset != null) {
      b.imagePreset(imagePreset);
    }
    if (imageFeatures != null) {
      Path features = imageFeatures.toAbsolutePath().normalize();
      b.imageFeatures(features.toString(), t2i.data.io.Npy.read(features).columns());
    }
    if (optimizer != null) {
      OptimizerType type = OptimizerType.of(optimizer);
      b.optimizer(type);
      if (learningRate == null && (saved == null || type != saved.optimizer())) {
        b.learningRate(EmbeddingConfig.defaultLearningRate(type));
      }
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (batch != null) {
      if (batch > trainvalClasses) {
        throw new IllegalArgumentException(
            "--batch "
                + batch
                + " is more than the "
                + trainvalClasses
                + " trainval classes: a batch holds distinct classes");
      }
      b.batchSize(batch);
    }
    return b.build();
  }

  private boolean isDataGiven() {
    return spec.commandLine().getParseResult().hasMatchedOption("--data");
  }
}
