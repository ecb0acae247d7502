package t2i.cli;

import java.io.IOException;
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
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/**
 * The demo's three training stages, new or resumed under the one rule of {@link RunOptions}: the
 * library's defaults, with tiny networks when the plan asks for them (tests of the pipeline).
 */
final class DemoTraining {
  static final int SAMPLE_EVERY = 200;
  static final String TINY = "tiny";

  private final Demo.Plan plan;
  private final PrintWriter err;

  DemoTraining(Demo.Plan plan, PrintWriter err) {
    this.plan = plan;
    this.err = err;
  }

  TrainingSession.Ended textEncoder(Path run, double minutes, boolean resume) throws IOException {
    return TrainingSession.run(
        new RunOptions<>(EmbeddingConfig::toBuilder, EmbeddingConfig.Builder::build)
            .fixed("--text-preset", tiny(), EmbeddingConfig.Builder::textPreset)
            .fixed("--image-preset", tiny(), EmbeddingConfig.Builder::imagePreset)
            .start(
                resume,
                run,
                EmbeddingTrainer.KIND,
                EmbeddingConfig.class,
                () ->
                    EmbeddingConfig.defaultsFor(
                        plan.dataset(), EmbeddingConfig.DEFAULT_CLASS_LEVEL),
                err),
        (config, from) ->
            new EmbeddingTrainer(config, run, from, plan.threads(), new ConsoleProgress(err)),
        run,
        TrainingSession.Schedule.minutes(minutes),
        TrainingSession.Extras.none(),
        err);
  }

  TrainingSession.Ended gan(Path embeddings, Path run, double minutes, boolean resume)
      throws IOException {
    return TrainingSession.run(
        new RunOptions<>(GanTrainingConfig::toBuilder, GanTrainingConfig.Builder::build)
            .start(
                resume,
                run,
                GanTrainer.KIND,
                GanTrainingConfig.class,
                () -> GanTrainingConfig.defaultsFor(plan.dataset(), embeddings),
                err),
        (config, from) ->
            new GanTrainer(config, run, from, plan.threads(), new ConsoleProgress(err)),
        run,
        TrainingSession.Schedule.minutes(minutes),
        trainer -> List.of(SampleListener.every(SAMPLE_EVERY, trainer, run)),
        err);
  }

  TrainingSession.Ended style(Path gan, Path run, double minutes, boolean resume)
      throws IOException {
    return TrainingSession.run(
        new RunOptions<>(StyleTrainingConfig::toBuilder, StyleTrainingConfig.Builder::build)
            .fixed("--preset", tiny(), StyleTrainingConfig.Builder::preset)
            .fixed("--batch", plan.tiny() ? 8 : null, StyleTrainingConfig.Builder::batchSize)
            .start(
                resume,
                run,
                StyleTrainer.KIND,
                StyleTrainingConfig.class,
                () -> StyleTrainingConfig.defaultsFor(gan),
                err),
        (config, from) -> new StyleTrainer(config, run, from, plan.threads()),
        run,
        TrainingSession.Schedule.minutes(minutes),
        trainer -> List.of(trainer.heldOutLossAtEnd(err)),
        err);
  }

  private String tiny() {
    return plan.tiny() ? TINY : null;
  }
}
