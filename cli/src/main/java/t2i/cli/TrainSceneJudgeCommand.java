package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;
import t2i.training.scenejudge.SceneJudgeConfig;
import t2i.training.scenejudge.SceneJudgeTrainer;

/** {@code t2i train scene-judge}. */
@Command(
    name = "scene-judge",
    mixinStandardHelpOptions = true,
    description = {
      "Train the scene judge on the real scenes of a scenes dataset: an object network (DCGAN's"
          + " discriminator trunk on the crop at an object's box, resampled to 32x32 with a 10%%"
          + " margin; a class head and an emoji head) and a background network (the same trunk"
          + " on the image with the boxes blanked out; a background head), with mild shifts and"
          + " scaling of the crops and mirroring of the scenes (never colour). It trains on"
          + " trainval and on the test scenes after the first min(1000, half) of them, which"
          + " `t2i eval scenes` scores; the validation scenes stay out, to measure it. It never"
          + " takes part in training a generator.",
      "Beside it a twin of the object network trains on one art style; `t2i eval scene-judge"
          + " RUN` tests it on the other: the judge's reliability."
    })
final class TrainSceneJudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Scenes dataset folder (default: ${DEFAULT-VALUE}).",
      defaultValue = Locations.DEFAULT_SCENES_DATASET)
  Path data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--width",
      description = "Channels of the object network's first convolution (default: 32).",
      converter = OptionValues.PositiveInt.class)
  Integer width;

  @Option(
      names = "--batch",
      description = "Crops per step (default: 64; the background network takes half as many).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--lr",
      description = "Adam's learning rate (default: 0.001).",
      converter = OptionValues.PositiveFloat.class)
  Float learningRate;

  @Option(
      names = "--twin-style",
      description = "The art style the twin trains on, or none (default: the first by name).")
  String twinStyle;

  @Option(names = "--seed", description = "Seed of weights, batches and shifts (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    RunStart<SceneJudgeConfig> start =
        new RunOptions<>(SceneJudgeConfig::toBuilder, SceneJudgeConfig.Builder::build)
            .fixed("--width", width, SceneJudgeConfig.Builder::cropWidth)
            .fixed("--batch", batch, SceneJudgeConfig.Builder::batchSize)
            .fixed(
                "--batch",
                batch == null ? null : Math.max(2, batch / 2),
                SceneJudgeConfig.Builder::backgroundBatchSize)
            .fixed("--twin-style", twinStyle, SceneJudgeConfig.Builder::twinStyle)
            .fixed("--seed", seed, SceneJudgeConfig.Builder::seed)
            .adjustable("--lr", learningRate, SceneJudgeConfig.Builder::learningRate)
            .start(
                training.resume,
                runDir,
                SceneJudgeTrainer.KIND,
                SceneJudgeConfig.class,
                () -> SceneJudgeConfig.defaultsFor(data),
                err);
    TrainingSession.run(
        start,
        (config, from) -> {
          SceneJudgeTrainer t =
              new SceneJudgeTrainer(
                  config, runDir, from, training.threads.threads, new ConsoleProgress(err));
          err.printf(
              "scene judge: %d objects of %d scenes (%d classes, %d emoji, %d backgrounds);"
                  + " %d test scenes reserved for t2i eval scenes; parameters: objects %,d,"
                  + " background %,d%n",
              t.objects(),
              t.scenes(),
              config.classes(),
              config.emoji(),
              config.backgrounds().size(),
              config.reservedTestScenes(),
              t.parameterCounts()[0],
              t.parameterCounts()[1]);
          err.flush();
          return t;
        },
        runDir,
        training.schedule(),
        TrainingSession.Extras.none(),
        err);
    return 0;
  }
}
