package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.SampleListener;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.run.RunStart;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/**
 * The demo's three training stages, new or resumed under the one rule of {@link RunOptions}: the
 * library's defaults, with tiny networks when the plan asks for them (tests of the pipeline).
 */
final class DemoTraining {
  static final int SAMPLE_EVERY = 200;
  static final String TINY = "tiny";

  private final PrintWriter err;

  DemoTraining(PrintWriter err) {
    this.err = err;
  }

  void textEncoder(Demo.Plan plan, Path run, double minutes, boolean resume) throws Exception {
    RunOptions<EmbeddingConfig, EmbeddingConfig.Builder> options =
        new RunOptions<>(EmbeddingConfig::toBuilder, EmbeddingConfig.Builder::build)
            .fixed("--text-preset", tiny(plan), EmbeddingConfig.Builder::textPreset)
            .fixed("--image-preset", tiny(plan), EmbeddingConfig.Builder::imagePreset);
    RunStart<EmbeddingConfig> start =
        options.start(
            resume,
            run,
            EmbeddingTrainer.KIND,
            EmbeddingConfig.class,
            () -> EmbeddingConfig.defaultsFor(plan.dataset()),
            err);
    try (EmbeddingTrainer trainer =
        new EmbeddingTrainer(
            start.config(), run, start.checkpoint(), plan.threads(), new ConsoleProgress(err))) {
      TrainingSession.run(
          trainer,
          run,
          TrainingSession.Schedule.minutes(minutes),
          start.previousSeconds(),
          List.of(),
          err);
    }
  }

  void gan(Demo.Plan plan, Path embeddings, Path run, double minutes, boolean resume)
      throws Exception {
    RunStart<GanTrainingConfig> start =
        new RunOptions<>(GanTrainingConfig::toBuilder, GanTrainingConfig.Builder::build)
            .start(
                resume,
                run,
                GanTrainer.KIND,
                GanTrainingConfig.class,
                () -> GanTrainingConfig.defaultsFor(plan.dataset(), embeddings),
                err);
    try (GanTrainer trainer =
        new GanTrainer(
            start.config(), run, start.checkpoint(), plan.threads(), new ConsoleProgress(err))) {
      TrainingSession.run(
          trainer,
          run,
          TrainingSession.Schedule.minutes(minutes),
          start.previousSeconds(),
          List.of(SampleListener.every(SAMPLE_EVERY, trainer, run)),
          err);
    }
  }

  void style(Demo.Plan plan, Path gan, Path run, double minutes, boolean resume) throws Exception {
    RunOptions<StyleTrainingConfig, StyleTrainingConfig.Builder> options =
        new RunOptions<>(StyleTrainingConfig::toBuilder, StyleTrainingConfig.Builder::build)
            .fixed("--preset", tiny(plan), StyleTrainingConfig.Builder::preset)
            .fixed("--batch", plan.tiny() ? 8 : null, StyleTrainingConfig.Builder::batchSize);
    RunStart<StyleTrainingConfig> start =
        options.start(
            resume,
            run,
            StyleTrainer.KIND,
            StyleTrainingConfig.class,
            () -> StyleTrainingConfig.defaultsFor(gan),
            err);
    try (StyleTrainer trainer =
        new StyleTrainer(start.config(), run, start.checkpoint(), plan.threads())) {
      TrainingSession.run(
          trainer,
          run,
          TrainingSession.Schedule.minutes(minutes),
          start.previousSeconds(),
          List.of(),
          err);
    }
  }

  private static String tiny(Demo.Plan plan) {
    return plan.tiny() ? TINY : null;
  }
}
