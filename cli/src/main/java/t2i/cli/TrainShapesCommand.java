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
import t2i.training.layout.SceneLayouts;
import t2i.training.layout.ShapeSamples;
import t2i.training.layout.ShapesConfig;
import t2i.training.layout.ShapesTrainer;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

/** {@code t2i train shapes}. */
@Command(
    name = "shapes",
    mixinStandardHelpOptions = true,
    description = {
      "Train the shape generator of Hong et al. (CVPR 2018) on a scenes dataset, true boxes to"
          + " true visible masks: each labelled box becomes a box tensor, encoded by strided"
          + " convolutions; a bidirectional convolutional LSTM over the objects lets each mask"
          + " know the others (occlusion); noise per object; residual blocks and upsampling to a"
          + " mask, zero outside its box. Instance and global discriminators, and a perceptual"
          + " loss on the global mask (a frozen seeded random CNN: VGG-19 cannot be had here);"
          + " weights 1, 1, 10.",
      "Writes RUN/samples/latest.png every --sample-every steps: test scenes as true masks |"
          + " masks for 3 noise seeds.",
      "Then: `t2i eval shapes RUN` measures mask IoU on the test scenes, `t2i sample shapes RUN"
          + " --out FILE` draws masks beside the true ones."
    })
final class TrainShapesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Scenes dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--preset",
      description = "Network sizes: cpu (narrow, for two cores) or tiny (tests) (default: cpu).")
  String preset;

  @Option(
      names = "--batch",
      description = "Scenes per step (default: 32).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--lr",
      description = "Adam's learning rate for G and both discriminators (default: 0.0002).",
      converter = OptionValues.PositiveFloat.class)
  Float learningRate;

  @Option(names = "--seed", description = "Seed of weights, batches and noise (default: 0).")
  Long seed;

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
    RunStart<ShapesConfig> start =
        new RunOptions<>(ShapesConfig::toBuilder, ShapesConfig.Builder::build)
            .fixed("--preset", preset, ShapesConfig.Builder::preset)
            .fixed("--batch", batch, ShapesConfig.Builder::batchSize)
            .fixed("--seed", seed, ShapesConfig.Builder::seed)
            .adjustable("--lr", learningRate, ShapesConfig.Builder::learningRate)
            .start(
                training.resume,
                runDir,
                ShapesTrainer.KIND,
                ShapesConfig.class,
                () -> ShapesConfig.defaultsFor(data, SceneLayouts.maxObjects(data)),
                err);
    TrainingSession.run(
        start,
        (config, from) -> new ShapesTrainer(config, runDir, from, training.threads.threads),
        runDir,
        training.schedule(),
        trainer -> List.of(ShapeSamples.listener(trainer, runDir, sampleEvery, 8, 3)),
        err);
    return 0;
  }
}
