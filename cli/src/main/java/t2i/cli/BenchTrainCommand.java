package t2i.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.graph.GanConfig;
import t2i.training.Precision;
import t2i.training.gan.GanStepBenchmark;
import t2i.training.gan.GanTrainingConfig;

/** {@code t2i bench train}. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the GAN's training step (one D update, then one G update, as `t2i train gan`"
          + " runs it) on random inputs of the real shapes: steps/s, images/s, the step's"
          + " floating-point operations counted from the graph's shapes, the achieved GFLOP/s,"
          + " and, in the same run and thread settings, the GFLOP/s of a large matrix product"
          + " (the machine's practical ceiling) and the ratio of the two. Each precision is"
          + " measured in turn, beside the ceiling in the same precision, with the CPU and its"
          + " relevant flags. Needs no dataset."
    })
final class BenchTrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--preset",
      description = "cpu, reed or tiny (default: ${DEFAULT-VALUE}).",
      defaultValue = "cpu",
      converter = OptionValues.GanPreset.class)
  String preset;

  @Option(
      names = "--loss",
      description = "gan, cls, int or int-cls (default: ${DEFAULT-VALUE}).",
      defaultValue = "int-cls",
      converter = OptionValues.GanLoss.class)
  String loss;

  @Option(
      names = "--batch",
      description = "Images per step (default: ${DEFAULT-VALUE}).",
      defaultValue = "64",
      converter = OptionValues.PositiveInt.class)
  int batch;

  @Option(
      names = "--steps",
      description = "Steps measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "20",
      converter = OptionValues.PositiveInt.class)
  int steps;

  @Option(
      names = "--warmup",
      description = "Steps before measuring (default: ${DEFAULT-VALUE}).",
      defaultValue = "3",
      converter = OptionValues.NonNegativeInt.class)
  int warmup;

  @Option(
      names = "--matmul",
      paramLabel = "N",
      description = "Side of the ceiling's square matrices (default: ${DEFAULT-VALUE}).",
      defaultValue = "2048",
      converter = OptionValues.MatrixSide.class)
  int matmul;

  @Option(
      names = "--profile",
      description =
          "Also trace one step (TF FULL_TRACE) and print where its time goes, by op type.")
  boolean profile;

  @Option(
      names = "--precision",
      split = ",",
      paramLabel = "P",
      description =
          "float32, bfloat16 or both, comma-separated (default: both where this machine runs"
              + " bfloat16, else float32).",
      converter = OptionValues.PrecisionName.class)
  List<String> precisions;

  @Mixin ThreadsOption threads;

  @Override
  public Integer call() {
    GanConfig network = GanConfig.preset(preset);
    GanTrainingConfig config =
        GanTrainingConfig.builder("(synthetic)", "(synthetic)", network.embeddingDim())
            .preset(preset)
            .loss(GanTrainingConfig.Loss.of(loss))
            .batchSize(batch)
            .flip(false)
            .build();
    GanStepBenchmark.Result result =
        new GanStepBenchmark(config, preset, threads.threads)
            .run(
                precisions(),
                steps,
                warmup,
                matmul,
                profile,
                new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(result.format());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private List<Precision> precisions() {
    if (precisions != null) {
      return precisions.stream().map(Precision::of).distinct().toList();
    }
    return Precision.BFLOAT16.orFloat32WhereUnsupported() == Precision.BFLOAT16
        ? List.of(Precision.FLOAT32, Precision.BFLOAT16)
        : List.of(Precision.FLOAT32);
  }
}
