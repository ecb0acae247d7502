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
import t2i.training.layout.BoxSamples;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.BoxesTrainer;
import t2i.training.layout.SceneLayouts;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

/** {@code t2i train boxes}. */
@Command(
    name = "boxes",
    mixinStandardHelpOptions = true,
    description = {
      "Train the box generator of Hong et al. (CVPR 2018) on a scenes dataset: an LSTM that"
          + " writes a caption's layout as labelled boxes, left to right, each label from a"
          + " softmax over the classes and the end, each box from two 20-component bivariate"
          + " Gaussian mixtures, (x, y) then (w, h). It reads the caption with an encoder of its"
          + " own, trained with it on the box loss (relations need word order).",
      "Writes RUN/samples/latest.png every --sample-every steps: the first captions of 4"
          + " trainval and 4 test scenes as true layout | layouts for 4 seeds.",
      "Then: `t2i sample boxes RUN --text ...` draws layouts, `t2i eval boxes RUN` measures"
          + " them against the test captions' facts."
    })
final class TrainBoxesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Scenes dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--text-encoder",
      description =
          "The caption encoder: words (hashed words read by an LSTM each way) or chars (Reed's"
              + " char-CNN-RNN, see --text-preset) (default: words).")
  String textEncoder;

  @Option(
      names = "--text-preset",
      description =
          "The caption encoder: gru (Reed's char-CNN-RNN with a GRU), reed, tiny"
              + " (default: gru).")
  String textPreset;

  @Option(
      names = "--batch",
      description = "Captions per step (default: 64).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--lr",
      description = "Adam's learning rate (default: 0.001).",
      converter = OptionValues.PositiveFloat.class)
  Float learningRate;

  @Option(
      names = "--temperature",
      description = "Default sampling temperature of the run's layouts and export (default: 0.5).",
      converter = OptionValues.PositiveFloat.class)
  Float temperature;

  @Option(
      names = "--box-gradient-scale",
      description =
          "The share of the box term's gradient that reaches the LSTM and the caption encoder;"
              + " 1 is the paper's plain sum (default: 0.05).",
      converter = OptionValues.PositiveFloat.class)
  Float boxGradientScale;

  @Option(names = "--seed", description = "Seed of weights and batches (default: 0).")
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
    RunStart<BoxesConfig> start =
        new RunOptions<>(BoxesConfig::toBuilder, BoxesConfig.Builder::build)
            .fixed("--text-preset", textPreset, BoxesConfig.Builder::textPreset)
            .fixed("--text-encoder", textEncoder, BoxesConfig.Builder::encoder)
            .fixed("--batch", batch, BoxesConfig.Builder::batchSize)
            .fixed("--seed", seed, BoxesConfig.Builder::seed)
            .fixed("--box-gradient-scale", boxGradientScale, BoxesConfig.Builder::boxGradientScale)
            .adjustable("--lr", learningRate, BoxesConfig.Builder::learningRate)
            .adjustable("--temperature", temperature, BoxesConfig.Builder::temperature)
            .start(
                training.resume,
                runDir,
                BoxesTrainer.KIND,
                BoxesConfig.class,
                () -> BoxesConfig.defaultsFor(data, SceneLayouts.maxObjects(data)),
                err);
    TrainingSession.run(
        start,
        (config, from) -> new BoxesTrainer(config, runDir, from, training.threads.threads),
        runDir,
        training.schedule(),
        trainer -> List.of(BoxSamples.listener(trainer, runDir, sampleEvery, 4, 4)),
        err);
    return 0;
  }
}
