package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.io.Npy;
import t2i.data.text.TextAlphabet;
import t2i.graph.SjeLoss;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.loop.TrainingSession;
import t2i.training.optim.OptimizerType;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

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
      "On --resume, options left out keep the run's values; options that define the model or"
          + " its data must keep them too; --lr may change (recorded in the run's config.json)."
    })
final class TrainEmbeddingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin TrainingOptions training;

  @Mixin PrecisionOption precision;

  @Option(
      names = "--text-preset",
      description = "reed (default) or tiny.",
      converter = OptionValues.TextPreset.class)
  String textPreset;

  @Option(
      names = "--text-alphabet",
      paramLabel = "NAME",
      description =
          "reed70 (Reed's 70 symbols, everything else dropped; the default on English data) or"
              + " utf8 (the UTF-8 bytes of NFKC-normalised, case-folded text: every language; the"
              + " default when the dataset has captions in other languages).",
      converter = OptionValues.TextAlphabetName.class)
  String textAlphabet;

  @Option(
      names = "--caption-languages",
      split = ",",
      paramLabel = "CODE",
      description =
          "Train on the captions in these languages alone, e.g. en,es,de (default: all); the"
              + " others stay out of training, for cross-lingual evaluation.")
  List<String> captionLanguages;

  @Option(
      names = "--image-preset",
      description = "cpu (default), wide or tiny.",
      converter = OptionValues.ImagePreset.class)
  String imagePreset;

  @Option(
      names = "--image-features",
      paramLabel = "FILE.npy",
      description =
          "Precomputed image features instead of pixels: float32 [records, D], trainval"
              + " records then test records in shard order.")
  Path imageFeatures;

  @Option(
      names = "--class-level",
      description =
          "What one class is: concept (one emoji with its skin tones and both art styles;"
              + " default) or subcategory (the dataset's class, e.g. animal-mammal). On Reed's"
              + " layout both are the species.",
      converter = OptionValues.ClassLevelName.class)
  String classLevel;

  @Option(
      names = "--batch",
      description = "Classes per batch (default: 40, at most the trainval classes).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--optimizer",
      description = "adam (default) or rmsprop.",
      converter = OptionValues.Optimizer.class)
  String optimizer;

  @Option(
      names = "--lr",
      description = "Initial learning rate (default: 0.0002 for adam, 0.0001 for rmsprop).",
      converter = OptionValues.PositiveFloat.class)
  Float learningRate;

  @Option(
      names = "--colour-grid",
      paramLabel = "N",
      description =
          "Give the image encoder's projection the image's mean colours on an N x N grid beside"
              + " the CNN's features (default: 0, none).",
      converter = OptionValues.NonNegativeInt.class)
  Integer colourGrid;

  @Option(
      names = "--shift",
      paramLabel = "PX",
      description =
          "Shift training images by up to PX pixels each way, white filling in (default: 0).",
      converter = OptionValues.NonNegativeInt.class)
  Integer shift;

  @Option(
      names = "--scale",
      paramLabel = "F",
      description =
          "Scale training images by a factor in [1-F, 1+F] about their centre (default: 0).",
      converter = OptionValues.PositiveFloat.class)
  Float scale;

  @Option(
      names = "--loss",
      description =
          "The surrogate of DS-SJE's 0-1 loss: hinge (Reed's; default) or softmax (the"
              + " cross-entropy over the batch's captions and images, both ways).")
  String loss;

  @Option(
      names = "--word-dropout",
      paramLabel = "P",
      description = "Drop each word of a training caption with probability P (default: 0).",
      converter = OptionValues.PositiveFloat.class)
  Float wordDropout;

  @Option(names = "--seed", description = "Seed of weights and batches (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    RunStart<EmbeddingConfig> start =
        options()
            .start(
                training.resume,
                runDir,
                EmbeddingTrainer.KIND,
                EmbeddingConfig.class,
                this::defaults,
                err);
    TrainingSession.run(
        start,
        (config, from) ->
            new EmbeddingTrainer(
                config, runDir, from, training.threads.threads, new ConsoleProgress(err)),
        runDir,
        training.schedule(),
        TrainingSession.Extras.none(),
        err);
    return 0;
  }

  private RunOptions<EmbeddingConfig, EmbeddingConfig.Builder> options() {
    Path features = imageFeatures == null ? null : imageFeatures.toAbsolutePath().normalize();
    return new RunOptions<>(EmbeddingConfig::toBuilder, EmbeddingConfig.Builder::build)
        .fixed("--data", data.given(spec), (b, dir) -> b.dataset(dir.toString()))
        .fixed("--text-preset", textPreset, EmbeddingConfig.Builder::textPreset)
        .fixed("--caption-languages", captionLanguages, EmbeddingConfig.Builder::captionLanguages)
        .fixed(
            "--text-alphabet",
            textAlphabet == null ? null : TextAlphabet.of(textAlphabet),
            EmbeddingConfig.Builder::alphabet)
        .fixed("--image-preset", imagePreset, EmbeddingConfig.Builder::imagePreset)
        .fixed(
            "--image-features",
            features,
            (b, file) -> b.imageFeatures(file.toString(), Npy.read(file).columns()))
        .fixed(
            "--optimizer",
            optimizer == null ? null : OptimizerType.of(optimizer),
            EmbeddingConfig.Builder::optimizer)
        .fixed(
            "--class-level",
            classLevel == null ? null : ClassLevel.of(classLevel),
            EmbeddingConfig.Builder::classLevel)
        .fixed("--colour-grid", colourGrid, EmbeddingConfig.Builder::colourGrid)
        .fixed(
            "--loss",
            loss == null ? null : SjeLoss.Surrogate.of(loss),
            EmbeddingConfig.Builder::loss)
        .fixed("--word-dropout", wordDropout, EmbeddingConfig.Builder::wordDropout)
        .fixed("--batch", batch, EmbeddingConfig.Builder::batchSize)
        .fixed("--seed", seed, EmbeddingConfig.Builder::seed)
        .fixed("--shift", shift, EmbeddingConfig.Builder::maxShift)
        .fixed("--scale", scale, EmbeddingConfig.Builder::maxScale)
        .adjustable("--lr", learningRate, EmbeddingConfig.Builder::learningRate)
        .adjustable("--precision", precision.given(), EmbeddingConfig.Builder::precision);
  }

  /** A new run's defaults for the dataset; a batch holds distinct trainval classes. */
  private EmbeddingConfig.Builder defaults() {
    ClassLevel level =
        classLevel == null ? EmbeddingConfig.DEFAULT_CLASS_LEVEL : ClassLevel.of(classLevel);
    int trainvalClasses = level.count(Dataset.open(data.dir).manifest(), Split.TRAINVAL);
    if (batch != null && batch > trainvalClasses) {
      throw new IllegalArgumentException(
          "--batch "
              + batch
              + " is more than the "
              + trainvalClasses
              + " trainval "
              + level.label()
              + " classes: a batch holds distinct classes");
    }
    return EmbeddingConfig.defaultsFor(data.dir, level);
  }
}
