package t2i.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.Dataset;
import t2i.training.bench.DataBenchmark;

/** {@code t2i bench data}. */
@Command(
    name = "data",
    mixinStandardHelpOptions = true,
    description = {
      "Measure the batch pipeline: batches/s and images/s of shuffled batches with random crop"
          + " (when images are stored larger than 64x64),"
          + " flip, matching and mismatching captions, made on the prefetch thread; then the same"
          + " with the copy into tensors (images float32 [N,64,64,3], both captions int32 [N,201])."
    })
final class BenchDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Mixin SplitOption split;

  @Option(
      names = "--batch",
      description = "Batch size (default: ${DEFAULT-VALUE}).",
      defaultValue = "64",
      converter = OptionValues.PositiveInt.class)
  int batch;

  @Option(
      names = "--batches",
      description = "Batches measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "2000",
      converter = OptionValues.PositiveInt.class)
  int batches;

  @Option(
      names = "--warmup",
      description = "Batches before measuring (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000",
      converter = OptionValues.NonNegativeInt.class)
  int warmup;

  @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).", defaultValue = "0")
  long seed;

  @Override
  public Integer call() {
    Dataset dataset = Dataset.open(data.dir);
    DataBenchmark.Result result =
        new DataBenchmark(dataset, split.split, batch, batches, warmup, seed)
            .run(new ConsoleProgress(spec.commandLine().getErr()));
    spec.commandLine().getOut().print(result.format());
    spec.commandLine().getOut().flush();
    return 0;
  }
}
