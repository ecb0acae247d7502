package t2i.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.graph.GanConfig;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.StyleEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingConfig;
import t2i.training.embedding.EmbeddingTrainer;
import t2i.training.gan.GanModel;
import t2i.training.gan.GanTrainer;
import t2i.training.gan.GanTrainingConfig;
import t2i.training.gan.SampleGrid;
import t2i.training.gan.SampleListener;
import t2i.training.run.Checkpoint;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleTrainer;
import t2i.training.style.StyleTrainingConfig;

/** The demo's three training stages, new or resumed, as library calls. */
final class DemoTraining {
  static final int SAMPLE_EVERY = 200;

  private final PrintWriter err;

  DemoTraining(PrintWriter err) {
    this.err = err;
  }

  void textEncoder(Demo.Plan plan, Path run, double minutes, boolean resume) throws Exception {
    EmbeddingConfig config;
    Checkpoint from = null;
    if (resume) {
      config = RunDirectory.open(run, EmbeddingTrainer.KIND).config(EmbeddingConfig.class);
      from = TrainingRun.resumePoint(run, err);
    } else {
      Path dataset = plan.dataset().toAbsolutePath().normalize();
      Dataset ds = Dataset.open(dataset);
      EmbeddingConfig.Builder b =
          EmbeddingConfig.builder(dataset.toString(), ds.manifest().classes(Split.TRAINVAL).size())
              .flip(!ds.manifest().name().equals("emoji"));
      if (plan.tiny()) {
        b.text(TextEncoderConfig.preset("tiny")).image(ImageEncoderConfig.preset("tiny"));
      }
      config = b.build();
      RunDirectory.create(run, EmbeddingTrainer.KIND, config);
    }
    try (EmbeddingTrainer trainer =
        new EmbeddingTrainer(config, run, from, plan.threads(), new ConsoleProgress(err))) {
      TrainingRun.run(trainer, run, schedule(run, minutes, plan), from, List.of(), err);
    }
  }

  void gan(Demo.Plan plan, Path embeddings, Path run, double minutes, boolean resume)
      throws Exception {
    GanTrainingConfig config;
    Checkpoint from = null;
    if (resume) {
      config = RunDirectory.open(run, GanTrainer.KIND).config(GanTrainingConfig.class);
      from = TrainingRun.resumePoint(run, err);
    } else {
      Path dataset = plan.dataset().toAbsolutePath().normalize();
      Dataset ds = Dataset.open(dataset);
      Path folder = embeddings.toAbsolutePath().normalize();
      int batch = 64;
      long stepsPerEpoch = Math.max(1, ds.manifest().records(Split.TRAINVAL) / batch);
      config =
          new GanTrainingConfig(
              dataset.toString(),
              folder.toString(),
              GanConfig.preset("cpu").withEmbeddingDim(CaptionEmbeddings.read(folder).dim()),
              "int-cls",
              batch,
              4,
              0.5f,
              2e-4f,
              0.5f,
              100 * stepsPerEpoch,
              0,
              !ds.manifest().name().equals("emoji"));
      RunDirectory.create(run, GanTrainer.KIND, config);
    }
    try (GanTrainer trainer =
        new GanTrainer(config, run, from, plan.threads(), new ConsoleProgress(err))) {
      SampleGrid grid =
          new SampleGrid(
              Dataset.open(Path.of(config.dataset())),
              trainer.embeddings(),
              config.gan().zDim(),
              4,
              8,
              config.seed());
      TrainingRun.run(
          trainer,
          run,
          schedule(run, minutes, plan),
          from,
          List.of(new SampleListener(trainer, grid, run, SAMPLE_EVERY)),
          err);
    }
  }

  void style(Demo.Plan plan, Path gan, Path run, double minutes, boolean resume) throws Exception {
    StyleTrainingConfig config;
    Checkpoint from = null;
    if (resume) {
      config = RunDirectory.open(run, StyleTrainer.KIND).config(StyleTrainingConfig.class);
      from = TrainingRun.resumePoint(run, err);
    } else {
      Path ganRun = gan.toAbsolutePath().normalize();
      long ganStep;
      int zDim;
      try (GanModel model = GanModel.load(ganRun, 1)) {
        ganStep = model.checkpoint().step();
        zDim = model.zDim();
      }
      config =
          new StyleTrainingConfig(
              ganRun.toString(),
              ganStep,
              StyleEncoderConfig.preset(plan.tiny() ? "tiny" : "cpu", zDim),
              plan.tiny() ? 8 : 64,
              2e-4f,
              0.5f,
              0);
      RunDirectory.create(run, StyleTrainer.KIND, config);
    }
    try (StyleTrainer trainer = new StyleTrainer(config, run, from, plan.threads())) {
      TrainingRun.run(trainer, run, schedule(run, minutes, plan), from, List.of(), err);
    }
  }

  private static TrainingOptions schedule(Path run, double minutes, Demo.Plan plan) {
    TrainingOptions o = new TrainingOptions();
    o.out = run;
    o.minutes = minutes;
    o.checkpointMinutes = 5;
    o.logEvery = 10;
    o.threads = new ThreadsOption();
    o.threads.threads = plan.threads();
    return o;
  }
}
