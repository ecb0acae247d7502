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
import t2i.training.gan.GanModel;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunDirectory;
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

  @Option(names = "--gan", paramLabel = "RUN", description = "The GAN run (for a new run).")
  Path gan;

  @Option(names = "--preset", description = "cpu (default) or tiny.")
  String preset;

  @Option(names = "--batch", description = "Samples of G per step (default: 64).")
  Integer batch;

  @Option(names = "--seed", description = "Seed (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    StyleTrainingConfig config;
    Checkpoint resumeFrom = null;
    if (training.resume) {
      if (gan != null || preset != null || batch != null || seed != null) {
        throw new DataException(
            "--resume continues "
                + runDir
                + " as configured; --gan, --preset, --batch and --seed"
                + " apply to new runs");
      }
      config = RunDirectory.open(runDir, StyleTrainer.KIND).config(StyleTrainingConfig.class);
      resumeFrom = TrainingRun.resumePoint(runDir, spec.commandLine().getErr());
    } else {
      if (gan == null) {
        throw new DataException("a new style run needs --gan RUN, the generator to invert");
      }
      Path ganRun = gan.toAbsolutePath().normalize();
      long ganStep;
      int zDim;
      try (GanModel model = GanModel.load(ganRun, 1)) {
        ganStep = model.checkpoint().step();
        zDim = model.zDim();
      }
      StyleTrainingConfig.Builder b = StyleTrainingConfig.builder(ganRun.toString(), ganStep, zDim);
      if (preset != null) {
        b.preset(preset);
      }
      if (batch != null) {
        b.batchSize(batch);
      }
      if (seed != null) {
        b.seed(seed);
      }
      config = b.build();
      RunDirectory.create(runDir, StyleTrainer.KIND, config);
    }
    try (StyleTrainer trainer =
        new StyleTrainer(config, runDir, resumeFrom, training.threads.threads)) {
      TrainingRun.run(
          trainer, runDir, training, resumeFrom, List.of(), spec.commandLine().getErr());
      spec.commandLine()
          .getErr()
          .printf(
              "held-out L_style (S in inference mode, 1024 samples with test-class captions):"
                  + " %.3f%n",
              trainer.heldOutLoss(1024, config.seed() + 99));
    }
    return 0;
  }
}
