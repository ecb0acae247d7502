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
import t2i.training.layout.BoxSamples;
import t2i.training.layout.BoxesConfig;
import t2i.training.layout.BoxesTrainer;
import t2i.training.layout.LayoutImageSamples;
import t2i.training.layout.LayoutImageTrainer;
import t2i.training.layout.LayoutImageTrainingConfig;
import t2i.training.layout.SceneLayouts;
import t2i.training.layout.ShapeSamples;
import t2i.training.layout.ShapesConfig;
import t2i.training.layout.ShapesTrainer;
import t2i.training.loop.TrainingSession;
import t2i.training.run.RunOptions;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/**
 * The demo's training stages, new or resumed under the one rule of {@link RunOptions}: the
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

  TrainingSession.Ended boxes(Path run, double minutes, boolean resume) throws IOException {
    Path data = plan.scenesDataset();
    return TrainingSession.run(
        new RunOptions<>(BoxesConfig::toBuilder, BoxesConfig.Builder::build)
            .fixed("--text-preset", tiny(), BoxesConfig.Builder::textPreset)
            .fixed("--batch", plan.tiny() ? 8 : null, BoxesConfig.Builder::batchSize)
            .start(
                resume,
                run,
                BoxesTrainer.KIND,
                BoxesConfig.class,
                () -> BoxesConfig.defaultsFor(data, SceneLayouts.maxObjects(data)),
                err),
        (config, from) -> new BoxesTrainer(config, run, from, plan.threads()),
        run,
        TrainingSession.Schedule.minutes(minutes),
        trainer -> List.of(BoxSamples.listener(trainer, run, SAMPLE_EVERY, 4, 4)),
        err);
  }

  TrainingSession.Ended shapes(Path run, double minutes, boolean resume) throws IOException {
    Path data = plan.scenesDataset();
    return TrainingSession.run(
        new RunOptions<>(ShapesConfig::toBuilder, ShapesConfig.Builder::build)
            .fixed("--preset", tiny(), ShapesConfig.Builder::preset)
            .fixed("--batch", plan.tiny() ? 4 : null, ShapesConfig.Builder::batchSize)
            .start(
                resume,
                run,
                ShapesTrainer.KIND,
                ShapesConfig.class,
                () -> ShapesConfig.defaultsFor(data, SceneLayouts.maxObjects(data)),
                err),
        (config, from) -> new ShapesTrainer(config, run, from, plan.threads()),
        run,
        TrainingSession.Schedule.minutes(minutes),
        trainer -> List.of(ShapeSamples.listener(trainer, run, SAMPLE_EVERY, 8, 3)),
        err);
  }

  TrainingSession.Ended layoutImage(Path embeddings, Path run, double minutes, boolean resume)
      throws IOException {
    Path data = plan.scenesDataset();
    return TrainingSession.run(
        new RunOptions<>(
                LayoutImageTrainingConfig::toBuilder, LayoutImageTrainingConfig.Builder::build)
            .fixed("--preset", tiny(), LayoutImageTrainingConfig.Builder::preset)
            .fixed("--batch", plan.tiny() ? 8 : null, LayoutImageTrainingConfig.Builder::batchSize)
            .start(
                resume,
                run,
                LayoutImageTrainer.KIND,
                LayoutImageTrainingConfig.class,
                () ->
                    LayoutImageTrainingConfig.defaultsFor(
                        data, embeddings, SceneLayouts.maxObjects(data)),
                err),
        (config, from) -> new LayoutImageTrainer(config, run, from, plan.threads()),
        run,
        TrainingSession.Schedule.minutes(minutes),
        trainer -> List.of(LayoutImageSamples.listener(trainer, run, SAMPLE_EVERY, 8, 4)),
        err);
  }

  private String tiny() {
    return plan.tiny() ? TINY : null;
  }
}
