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
import t2i.error.UserException;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/** {@code t2i train style}. */
@Command(
    name = "style",
    mixinStandardHelpOptions = true,
    description = {
      "Train the style encoder S that inverts a trained generator (Reed et al., ICML 2016,"
          + " section 4.4): L_style = ||z - S(G(z, phi(t)))||^2 on samples of the frozen G (its"
          + " latest checkpoint when the run starts), with trainval captions; only S's weights"
          + " are updated. Adam lr 0.0002, beta1 0.5."
    })
final class TrainStyleCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin TrainingOptions training;

  @Mixin PrecisionOption precision;

  @Option(names = "--gan", paramLabel = "RUN", description = "The GAN run (for a new run).")
  Path gan;

  @Option(
      names = "--preset",
      description = "cpu (default) or tiny.",
      converter = OptionValues.StylePreset.class)
  String preset;

  @Option(
      names = "--batch",
      description = "Samples of G per step (default: 64).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(names = "--seed", description = "Seed (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    RunStart<StyleTrainingConfig> start =
        options()
            .start(
                training.resume,
                runDir,
                StyleTrainer.KIND,
                StyleTrainingConfig.class,
                this::defaults,
                err);
    TrainingSession.run(
        start,
        (config, from) -> new StyleTrainer(config, runDir, from, training.threads.threads),
        runDir,
        training.schedule(),
        trainer -> List.of(trainer.heldOutLossAtEnd(err)),
        err);
    return 0;
  }

  private RunOptions<StyleTrainingConfig, StyleTrainingConfig.Builder> options() {
    return new RunOptions<>(StyleTrainingConfig::toBuilder, StyleTrainingConfig.Builder::build)
        .fixed("--gan", ganRun(), (b, run) -> b.gan(run.toString()))
        .fixed("--preset", preset, StyleTrainingConfig.Builder::preset)
        .fixed("--batch", batch, StyleTrainingConfig.Builder::batchSize)
        .fixed("--seed", seed, StyleTrainingConfig.Builder::seed)
        .adjustable("--precision", precision.given(), StyleTrainingConfig.Builder::precision);
  }

  /** A new run's defaults: G is the GAN run's latest checkpoint. */
  private StyleTrainingConfig.Builder defaults() {
    if (gan == null) {
      throw new UserException("a new style run needs --gan RUN, the generator to invert");
    }
    return StyleTrainingConfig.defaultsFor(gan);
  }

  private Path ganRun() {
    return gan == null ? null : gan.toAbsolutePath().normalize();
  }
}
