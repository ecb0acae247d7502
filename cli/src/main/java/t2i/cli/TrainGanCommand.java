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
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanRecipe;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.GanTrainingConfig.Loss;
import t2i.training.gan.SampleListener;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

/** {@code t2i train gan}. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    description = {
      "Train the text-conditional DCGAN of Reed et al. (ICML 2016) on precomputed caption"
          + " embeddings (`t2i embed`): --loss gan, cls (matching-aware D), int (interpolated"
          + " text for G) or int-cls (default). Adam lr 0.0002, beta1 0.5, for D and G.",
      "Writes a sample grid every --sample-every steps to RUN/samples/, half of its captions from"
          + " test classes.",
      "The recipe: --recipe ema-hinge (default: the paper with --ema and --hinge, the best"
          + " measured at equal training time), reed2016 (the paper exactly) or modern (every"
          + " switch on); each switch below then turns one part on or off (--no-ema, --augment,"
          + " ...)."
    })
final class TrainGanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--embeddings",
      paramLabel = "NAME|DIR",
      description =
          "Caption embeddings: a name under DATA/embeddings/ (t2i embed --name) or a folder"
              + " (default: embedding).")
  String embeddings;

  @Option(
      names = "--preset",
      description = "cpu (default), reed or tiny.",
      converter = OptionValues.GanPreset.class)
  String preset;

  @Option(
      names = "--loss",
      description = "gan, cls, int or int-cls (default).",
      converter = OptionValues.GanLoss.class)
  String loss;

  @Option(
      names = "--batch",
      description = "Images per step (default: 64).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(names = "--seed", description = "Seed (default: 0).")
  Long seed;

  @Option(
      names = "--halve-every",
      paramLabel = "STEPS",
      description =
          "Steps between halvings of the learning rate; 0 never (default: 100 epochs of the"
              + " training split, as Reed et al.).",
      converter = OptionValues.NonNegativeLong.class)
  Long halveEvery;

  @Mixin PrecisionOption precision;

  @Option(
      names = "--recipe",
      description =
          "ema-hinge (default: --ema and --hinge on), reed2016 (all the switches below off) or"
              + " modern (all on).",
      converter = OptionValues.GanRecipeName.class)
  String recipe;

  @Option(
      names = "--ema",
      negatable = true,
      description =
          "Sample, evaluate and export a moving average of G's weights (decay 0.999, lower in"
              + " the first steps).")
  Boolean ema;

  @Option(
      names = "--augment",
      negatable = true,
      description =
          "Differentiable augmentation of every image D sees: shifts of up to 1/8 of the side and"
              + " a cut-out square of half the side (no colour change).")
  Boolean augment;

  @Option(
      names = "--spectral-norm",
      negatable = true,
      description = "Spectral normalisation of D's kernels, in place of D's batch norm.")
  Boolean spectralNorm;

  @Option(
      names = "--hinge",
      negatable = true,
      description = "The hinge loss in place of the cross-entropy.")
  Boolean hinge;

  @Option(
      names = "--ttur",
      negatable = true,
      description = "Two learning rates: D at twice the rate, G at half of it.")
  Boolean ttur;

  @Option(
      names = "--sample-every",
      description = "Steps between sample grids (default: ${DEFAULT-VALUE}).",
      defaultValue = "500",
      converter = OptionValues.PositiveInt.class)
  int sampleEvery;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    RunStart<GanTrainingConfig> start =
        options()
            .start(
                training.resume,
                runDir,
                GanTrainer.KIND,
                GanTrainingConfig.class,
                this::defaults,
                err);
    TrainingSession.run(
        start,
        (config, from) ->
            new GanTrainer(
                config, runDir, from, training.threads.threads, new ConsoleProgress(err)),
        runDir,
        training.schedule(),
        trainer -> List.of(SampleListener.every(sampleEvery, trainer, runDir)),
        err);
    return 0;
  }

  private RunOptions<GanTrainingConfig, GanTrainingConfig.Builder> options() {
    return new RunOptions<>(GanTrainingConfig::toBuilder, GanTrainingConfig.Builder::build)
        .fixed("--data", data.given(spec), (b, dir) -> b.dataset(dir.toString()))
        .fixed("--embeddings", absolute(folder()), (b, dir) -> b.embeddings(dir.toString()))
        .fixed("--preset", preset, GanTrainingConfig.Builder::preset)
        .fixed("--loss", loss == null ? null : Loss.of(loss), GanTrainingConfig.Builder::loss)
        .fixed("--batch", batch, GanTrainingConfig.Builder::batchSize)
        .fixed("--seed", seed, GanTrainingConfig.Builder::seed)
        .adjustable("--halve-every", halveEvery, GanTrainingConfig.Builder::halveEvery)
        .adjustable("--precision", precision.given(), GanTrainingConfig.Builder::precision)
        .fixed("--recipe", recipe, (b, name) -> b.recipe(GanRecipe.named(name)))
        .fixed("--ema", ema, (b, on) -> b.recipe(b.recipe().withEma(on)))
        .fixed("--augment", augment, (b, on) -> b.recipe(b.recipe().withAugment(on)))
        .fixed(
            "--spectral-norm", spectralNorm, (b, on) -> b.recipe(b.recipe().withSpectralNorm(on)))
        .fixed("--hinge", hinge, (b, on) -> b.recipe(b.recipe().withHinge(on)))
        .fixed("--ttur", ttur, (b, on) -> b.recipe(b.recipe().withTtur(on)));
  }

  /** A new run's defaults for the dataset and its caption embeddings. */
  private GanTrainingConfig.Builder defaults() {
    Path folder = embeddings != null ? folder() : CaptionEmbeddings.folder(data.dir, "embedding");
    return GanTrainingConfig.defaultsFor(data.dir, folder);
  }

  /** The --embeddings folder, or null when not given. */
  private Path folder() {
    return embeddings == null ? null : EmbeddingsFolders.resolve(data.dir, embeddings);
  }

  private static Path absolute(Path path) {
    return path == null ? null : path.toAbsolutePath().normalize();
  }
}
