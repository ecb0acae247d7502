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
import t2i.graph.layout.LayoutImageConfig;
import t2i.training.layout.LayoutImageSamples;
import t2i.training.layout.LayoutImageTrainer;
import t2i.training.layout.LayoutImageTrainingConfig;
import t2i.training.layout.SceneLayouts;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

/** {@code t2i train layout-image}. */
@Command(
    name = "layout-image",
    mixinStandardHelpOptions = true,
    description = {
      "Train the layout-conditioned image generator of Hong et al. (CVPR 2018) on a scenes"
          + " dataset, from the true label maps (the scenes' masks) to the true images: G"
          + " encodes the label map, gates it by the caption, adds caption and noise, and refines"
          + " the image with the label map at every scale; a matching-aware D scores (image,"
          + " label map, caption). L_G = adversarial + 10 x perceptual. Adam 0.0002, beta1 0.5.",
      "The captions come as precomputed embeddings (`t2i embed BOX_RUN --data DATA --name"
          + " NAME`). Writes RUN/samples/latest.png every --sample-every steps: test scenes as"
          + " label map | images for 4 noise seeds | real image."
    })
final class TrainLayoutImageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Scenes dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path data;

  @Option(
      names = "--embeddings",
      paramLabel = "NAME|DIR",
      description =
          "The caption embeddings: a name under DATA/embeddings/ or a folder (required for a"
              + " new run).")
  String embeddings;

  @Mixin TrainingOptions training;

  @Option(names = "--preset", description = "cpu (64x64, default), paper (128x128) or tiny.")
  String preset;

  @Option(
      names = "--batch",
      description = "Scenes per step (default: 64).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--lr",
      description = "Adam's learning rate for D and G (default: 0.0002).",
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
    if (preset != null && !LayoutImageConfig.PRESETS.contains(preset)) {
      throw new UserException(
          "unknown --preset '" + preset + "' (expected one of " + LayoutImageConfig.PRESETS + ")");
    }
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    boolean dataGiven = spec.commandLine().getParseResult().hasMatchedOption("--data");
    Path folder = embeddings == null ? null : EmbeddingsFolders.resolve(data, embeddings);
    RunStart<LayoutImageTrainingConfig> start =
        new RunOptions<>(
                LayoutImageTrainingConfig::toBuilder, LayoutImageTrainingConfig.Builder::build)
            .fixed("--data", dataGiven ? absolute(data) : null, (b, d) -> b.dataset(d))
            .fixed(
                "--embeddings", folder == null ? null : absolute(folder), (b, e) -> b.embeddings(e))
            .fixed("--preset", preset, LayoutImageTrainingConfig.Builder::preset)
            .fixed("--batch", batch, LayoutImageTrainingConfig.Builder::batchSize)
            .fixed("--seed", seed, LayoutImageTrainingConfig.Builder::seed)
            .adjustable("--lr", learningRate, LayoutImageTrainingConfig.Builder::learningRate)
            .start(
                training.resume,
                runDir,
                LayoutImageTrainer.KIND,
                LayoutImageTrainingConfig.class,
                () -> defaults(folder),
                err);
    TrainingSession.run(
        start,
        (config, from) -> new LayoutImageTrainer(config, runDir, from, training.threads.threads),
        runDir,
        training.schedule(),
        trainer -> {
          err.printf(
              "layout-image %s: G %,d parameters, D %,d%n",
              trainer.config().preset() == null ? "custom" : trainer.config().preset(),
              trainer.generatorParameters(),
              trainer.discriminatorParameters());
          return List.of(LayoutImageSamples.listener(trainer, runDir, sampleEvery, 8, 4));
        },
        err);
    return 0;
  }

  private LayoutImageTrainingConfig.Builder defaults(Path folder) {
    if (folder == null) {
      throw new UserException(
          "a new run needs --embeddings NAME|DIR: caption embeddings of "
              + data
              + " (`t2i embed BOX_RUN --data "
              + data
              + " --name NAME`)");
    }
    return LayoutImageTrainingConfig.defaultsFor(data, folder, SceneLayouts.maxObjects(data));
  }

  private static String absolute(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }
}
