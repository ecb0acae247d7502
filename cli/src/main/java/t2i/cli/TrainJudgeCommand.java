package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.training.judge.JudgeConfig;
import t2i.training.judge.JudgeTrainer;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;

/** {@code t2i train judge}. */
@Command(
    name = "judge",
    mixinStandardHelpOptions = true,
    description = {
      "Train the judge: a classifier of real images (DCGAN's discriminator trunk, 512 features,"
          + " a concept head and a subcategory head) on every record of the dataset, both splits,"
          + " with mild shifts and scaling (not colour). It never takes part in training a GAN;"
          + " `t2i eval gan --judge RUN` scores generated images with it.",
      "Beside it a twin trains on one art style only; `t2i eval judge RUN` tests the twin on"
          + " the other style: the judge's reliability, printed beside every score it gives."
    })
final class TrainJudgeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin TrainingOptions training;

  @Option(
      names = "--width",
      description = "Channels of the first convolution (default: 32).",
      converter = OptionValues.PositiveInt.class)
  Integer width;

  @Option(
      names = "--batch",
      description = "Images per step (default: 64).",
      converter = OptionValues.PositiveInt.class)
  Integer batch;

  @Option(
      names = "--lr",
      description = "Adam's learning rate (default: 0.001).",
      converter = OptionValues.PositiveFloat.class)
  Float learningRate;

  @Option(
      names = "--twin-style",
      description = "The art style the twin trains on (default: the first of the dataset's).")
  String twinStyle;

  @Option(names = "--seed", description = "Seed of weights, batches and shifts (default: 0).")
  Long seed;

  @Override
  public Integer call() throws Exception {
    Path runDir = training.out;
    PrintWriter err = spec.commandLine().getErr();
    RunStart<JudgeConfig> start =
        new RunOptions<>(JudgeConfig::toBuilder, JudgeConfig.Builder::build)
            .fixed("--width", width, JudgeConfig.Builder::width)
            .fixed("--batch", batch, JudgeConfig.Builder::batchSize)
            .fixed("--twin-style", twinStyle, JudgeConfig.Builder::twinStyle)
            .fixed("--seed", seed, JudgeConfig.Builder::seed)
            .adjustable("--lr", learningRate, JudgeConfig.Builder::learningRate)
            .start(
                training.resume,
                runDir,
                JudgeTrainer.KIND,
                JudgeConfig.class,
                () -> JudgeConfig.defaultsFor(data.dir),
                err);
    TrainingSession.run(
        start,
        (config, from) ->
            new JudgeTrainer(
                config, runDir, from, training.threads.threads, new ConsoleProgress(err)),
        runDir,
        training.schedule(),
        TrainingSession.Extras.none(),
        err);
    return 0;
  }
}
