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
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.SampleGrid;
import t2i.training.gan.SampleListener;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunDirectory;

/** {@code t2i train gan}. */
@Command(
    name = "gan",
    mixinStandardHelpOptions = true,
    description = {
      "Train the text-conditional DCGAN of Reed et al. (ICML 2016) on precomputed caption"
          + " embeddings (`t2i embed`): --loss gan, cls (matching-aware D), int (interpolated"
          + " text for G) or int-cls (default). Adam lr 0.0002, beta1 0.5, for D and G.",
      "Writes a sample grid every --sample-every steps to RUN/samples/, half of its captions from"
          + " test classes."
    })
final class TrainGanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--embeddings",
      paramLabel = "DIR",
      description = "Caption embeddings (default: DATA/embeddings/embedding).")
  Path embeddings;

  @Option(names = "--preset", description = "cpu (default), reed or tiny.")
  String preset;

  @Option(names = "--loss", description = "gan, cls, int or int-cls (default).")
  String loss;

  @Option(names = "--batch", description = "Images per step (default: 64).")
  Integer batch;

  @Option(names = "--seed", description = "Seed (default: 0).")
  Long seed;

  @Option(
      names = "--halve-every",
      paramLabel = "STEPS",
      description =
          "Steps between halvings of the learning rate; 0 never (default: 100 epochs of the"
              + " training split, as Reed et al.).")
  Long halveEvery;

  @Option(
      names = "--sample-every",
      description = "Steps between sample grids (default: ${DEFAULT-VALUE}).",
      defaultValue = "500")
  int sampleEvery;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    GanTrainingConfig config;
    Checkpoint resumeFrom = null;
    if (training.resume) {
      RunDirectory run = RunDirectory.open(runDir, GanTrainer.KIND);
      config = run.config(GanTrainingConfig.class);
      if (preset != null || loss != null || batch != null || halveEvery != null) {
        throw new DataException(
            "--resume continues "
                + runDir
                + " as configured; --preset, --loss, --batch and --halve-every apply"
                + " to new runs");
      }
      resumeFrom = TrainingRun.resumePoint(runDir, spec.commandLine().getErr());
    } else {
      Path dataset = data.dir.toAbsolutePath().normalize();
      Dataset ds = Dataset.open(dataset);
      Path folder =
          (embeddings != null ? embeddings : CaptionEmbeddings.folder(dataset, "embedding"))
              .toAbsolutePath()
              .normalize();
      GanTrainingConfig.Builder b =
          GanTrainingConfig.builder(
                  dataset.toString(), folder.toString(), CaptionEmbeddings.read(folder).dim())
              .halveEveryEpochs(
                  GanTrainingConfig.REED_HALVING_EPOCHS, ds.manifest().records(Split.TRAINVAL))
              .flip(!ds.manifest().name().equals("emoji"));
      if (preset != null) {
        b.preset(preset);
      }
      if (loss != null) {
        b.loss(GanTrainingConfig.Loss.of(loss));
      }
      if (batch != null) {
        b.batchSize(batch);
      }
      if (halveEvery != null) {
        if (halveEvery < 0) {
          throw new DataException("--halve-every must be >= 0, was " + halveEvery);
        }
        b.halveEvery(halveEvery);
      }
      if (seed != null) {
        b.seed(seed);
      }
      config = b.build();
      RunDirectory.create(runDir, GanTrainer.KIND, config);
    }
    try (GanTrainer trainer =
        new GanTrainer(
            config,
            runDir,
            resumeFrom,
            training.threads.threads,
            new ConsoleProgress(spec.commandLine().getErr()))) {
      SampleGrid grid =
          new SampleGrid(
              Dataset.open(Path.of(config.dataset())),
              trainer.embeddings(),
              config.gan().zDim(),
              4,
              8,
              config.seed());
      TrainingRun.run(
          trainer,
          runDir,
          training,
          resumeFrom,
          List.of(new SampleListener(trainer, grid, runDir, Math.max(1, sampleEvery))),
          spec.commandLine().getErr());
    }
    return 0;
  }
}
