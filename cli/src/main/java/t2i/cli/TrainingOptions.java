package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import t2i.training.loop.Budget;
import t2i.training.loop.TrainingSession;

/** Options every trainer shares. */
final class TrainingOptions {
  @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
  Path out;

  @Option(
      names = "--steps",
      paramLabel = "N",
      description = "Train until step N in all.",
      converter = OptionValues.PositiveLong.class)
  Long steps;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description = "Train for M minutes in this session (default: 30 when --steps is not given).",
      converter = OptionValues.PositiveDouble.class)
  Double minutes;

  @Option(names = "--resume", description = "Continue the run in --out from its latest checkpoint.")
  boolean resume;

  @Option(
      names = "--checkpoint-minutes",
      paramLabel = "M",
      description =
          "Checkpoint every M minutes, and always at the end (default: ${DEFAULT-VALUE}).",
      defaultValue = "5",
      converter = OptionValues.PositiveDouble.class)
  double checkpointMinutes;

  @Option(
      names = "--log-every",
      paramLabel = "N",
      description = "Log losses every N steps (default: ${DEFAULT-VALUE}).",
      defaultValue = "10",
      converter = OptionValues.PositiveInt.class)
  int logEvery;

  @Mixin ThreadsOption threads;

  TrainingSession.Schedule schedule() {
    Budget budget =
        steps == null && minutes == null
            ? Budget.minutes(30)
            : new Budget(steps == null ? 0 : steps, minutes == null ? 0 : minutes * 60);
    return new TrainingSession.Schedule(budget, checkpointMinutes * 60, logEvery);
  }
}
