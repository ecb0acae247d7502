package t2i.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.DatasetSummary;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.image.Images;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.AtomicFiles;
import t2i.error.UserException;
import t2i.export.StyleExport;
import t2i.export.TextEncoderExport;
import t2i.export.TextToImageExport;
import t2i.serving.StyleContract;
import t2i.serving.Text2ImageContract;
import t2i.serving.TextEncoderContract;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.EmbeddingEvaluator;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanEvaluator;
import t2i.training.gan.GanModel;
import t2i.training.gan.SampleGrid;
import t2i.training.loop.TrainingSession;
import t2i.training.report.ReportWriter;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleEvaluator;
import t2i.training.style.StyleModel;

/**
 * The whole pipeline of {@code t2i demo}, stage by stage, within one time budget. Each stage is a
 * method that returns what it did; a stage whose result is already in the demo folder is reused: a
 * trained run that has its share of the budget (or whose successor has started), caption embeddings
 * of the text encoder's latest checkpoint, and export, pictures, evaluations and reports made from
 * the runs' current checkpoints.
 */
final class Demo {
  static final double EMBEDDING_SHARE = 0.15;
  static final double GAN_SHARE = 0.6;
  static final double STYLE_SHARE = 0.1;
  static final int STAGES = 8;

  /** What the user asked for. */
  record Plan(
      Path dataset,
      Path out,
      double minutes,
      boolean fresh,
      boolean tiny,
      String npm,
      int threads) {}

  /** What a stage did. */
  enum Outcome {
    MADE,
    RESUMED,
    REUSED
  }

  /** One stage's result: what it wrote (or found), and whether it ran. */
  record StageResult(int number, String title, Outcome outcome, List<Path> outputs) {
    StageResult {
      outputs = List.copyOf(outputs);
    }
  }

  /** The run folders, models and pictures of one demo folder. */
  record Layout(Path out) {
    Path embedding() {
      return out.resolve("embedding");
    }

    Path gan() {
      return out.resolve("gan");
    }

    Path style() {
      return out.resolve("style");
    }

    Path models() {
      return out.resolve("models");
    }

    Path samples() {
      return gan().resolve("demo-samples.png");
    }

    /** Text interpolation at fixed noise, as {@code t2i interpolate} draws it. */
    Path interpolationText() {
      return gan().resolve("interpolation-text.png");
    }

    Path interpolationNoise() {
      return gan().resolve("interpolation-noise.png");
    }

    Path styleQuery() {
      return style().resolve("query.png");
    }

    Path styleTransfer() {
      return style().resolve("style-transfer.png");
    }

    List<Path> runs() {
      return List.of(embedding(), gan(), style());
    }
  }

  private final Plan plan;
  private final Layout layout;
  private final DemoTraining training;
  private final PrintWriter out;
  private final PrintWriter err;
  private DemoState state;

  Demo(Plan plan, PrintWriter out, PrintWriter err) {
    this.plan = plan;
    this.layout = new Layout(plan.out());
    this.training = new DemoTraining(plan, err);
    this.out = out;
    this.err = err;
  }

  /** Runs or reuses every stage, in order; a failing stage ends the demo with its error. */
  List<StageResult> run() throws Exception {
    boolean built = Files.exists(plan.dataset().resolve(DatasetManifest.FILE_NAME));
    if (!built && Files.exists(plan.dataset())) {
      throw new UserException(
          plan.dataset()
              + " exists and is not a t2i dataset: choose another --data, or move it away");
    }
    prepareFolder();
    List<StageResult> results = new ArrayList<>();
    results.add(dataset(built));
    results.add(
        trained(
            2,
            "text encoder (DS-SJE)",
            layout.embedding(),
            layout.gan(),
            EMBEDDING_SHARE,
            training::textEncoder));
    StageResult embeddings = captionEmbeddings();
    results.add(embeddings);
    Path embeddingsFolder = embeddings.outputs().get(0);
    results.add(
        trained(
            4,
            "GAN-INT-CLS, cpu preset",
            layout.gan(),
            layout.style(),
            GAN_SHARE,
            (run, minutes, resume) -> training.gan(embeddingsFolder, run, minutes, resume)));
    results.add(
        trained(
            5,
            "style encoder",
            layout.style(),
            layout.models(),
            STYLE_SHARE,
            (run, minutes, resume) -> training.style(layout.gan(), run, minutes, resume)));
    results.add(export());
    results.add(picturesAndEvaluations());
    results.add(report());
    return results;
  }

  private void prepareFolder() throws IOException {
    Path folder = plan.out();
    if (Files.isDirectory(folder) && !DemoState.existsIn(folder)) {
      try (Stream<Path> entries = Files.list(folder)) {
        if (entries.findAny().isPresent()) {
          throw new UserException(
              folder
                  + " exists and is not a t2i demo folder: choose another --out, or move it away");
        }
      }
    }
    if (plan.fresh() && DemoState.existsIn(folder)) {
      AtomicDirectory.deleteRecursively(folder);
    }
    Files.createDirectories(folder);
    if (!DemoState.existsIn(folder)) {
      state = new DemoState(plan.minutes(), absolute(plan.dataset()).toString(), Map.of());
      state.write(folder);
      return;
    }
    state = DemoState.read(folder);
    Path dataset = absolute(plan.dataset());
    if (!absolute(Path.of(state.dataset())).equals(dataset)) {
      throw new UserException(
          folder
              + " holds a demo of the dataset "
              + state.dataset()
              + ": give that --data, add --fresh to start over on "
              + dataset
              + ", or choose another --out");
    }
    if (state.minutes() != plan.minutes()) {
      err.printf(
          Locale.ROOT,
          "note: %s was sized for --minutes %.0f; unfinished stages now use %.0f%n",
          folder,
          state.minutes(),
          plan.minutes());
      state = state.withMinutes(plan.minutes());
      state.write(folder);
    }
  }

  StageResult dataset(boolean built) throws Exception {
    String title = "emoji dataset";
    Outcome outcome;
    if (built && !plan.fresh()) {
      announce(1, title + ": reusing " + plan.dataset() + " (--fresh rebuilds it)");
      outcome = Outcome.REUSED;
    } else {
      announce(1, title);
      EmojiDatasetOptions options =
          EmojiDatasetOptions.builder(plan.dataset(), Locations.cacheDir())
              .force(plan.fresh())
              .build();
      DataEmojiCommand.build(err, options, plan.npm());
      outcome = Outcome.MADE;
    }
    out.print(DatasetSummary.of(Dataset.open(plan.dataset())).format());
    out.flush();
    return new StageResult(1, title, outcome, List.of(plan.dataset()));
  }

  /** One training stage of {@link DemoTraining}: trains {@code run} for {@code minutes}. */
  @FunctionalInterface
  interface TrainingStage {
    TrainingSession.Ended train(Path run, double minutes, boolean resume) throws Exception;
  }

  /**
   * Trains a stage up to its share of the budget, in training time over all sessions; done when it
   * has that much, or when the next stage has started (its input must not change under it).
   */
  StageResult trained(
      int number, String title, Path run, Path next, double share, TrainingStage stage)
      throws Exception {
    double budgetSeconds = share * plan.minutes() * 60;
    double done = Files.exists(run.resolve(RunDirectory.CONFIG)) ? trainedSeconds(run) : -1;
    boolean nextStarted = Files.exists(next.resolve(RunDirectory.CONFIG));
    if (done < 0 && nextStarted) {
      throw new UserException(
          next
              + " was trained on a "
              + title
              + " that is no longer in "
              + run
              + ": run the demo with --fresh to start over");
    }
    if (done >= budgetSeconds - 1 || (done >= 0 && nextStarted)) {
      announce(
          number,
          title + String.format(Locale.ROOT, ": done (%.1f min), reusing %s", done / 60, run));
      return new StageResult(number, title, Outcome.REUSED, List.of(run));
    }
    double remaining = (budgetSeconds - Math.max(0, done)) / 60;
    boolean resume = done >= 0;
    announce(
        number,
        title
            + String.format(
                Locale.ROOT, resume ? ": resuming, %.1f more min" : ": %.1f min", remaining));
    if (stage.train(run, remaining, resume).stopped()) {
      throw new UserException(
          "the demo was stopped during its " + title + " stage: run it again to resume there");
    }
    return new StageResult(number, title, resume ? Outcome.RESUMED : Outcome.MADE, List.of(run));
  }

  private static double trainedSeconds(Path run) {
    return new Checkpoints(run).latest().map(Checkpoint::elapsedSeconds).orElse(0.0);
  }

  /** Caption embeddings of the text encoder's latest checkpoint, unless already written. */
  StageResult captionEmbeddings() throws IOException {
    String title = "caption embeddings";
    Path folder = CaptionEmbeddings.folder(plan.dataset(), "demo");
    long step = Checkpoints.latestOf(layout.embedding()).step();
    Path run = layout.embedding().toAbsolutePath().normalize();
    if (Files.exists(folder.resolve(CaptionEmbeddings.INDEX))) {
      CaptionEmbeddings.Index index = CaptionEmbeddings.read(folder).index();
      // Once the GAN has started, its input stays as it trained on it.
      boolean ganStarted = Files.exists(layout.gan().resolve(RunDirectory.CONFIG));
      if (ganStarted || (index.step() == step && Path.of(index.run()).equals(run))) {
        announce(3, title + ": reusing " + folder);
        return new StageResult(3, title, Outcome.REUSED, List.of(folder));
      }
    }
    announce(3, title);
    try (EmbeddingModel model = EmbeddingModel.load(layout.embedding(), plan.threads())) {
      Path written =
          CaptionEmbeddings.write(
              model, Dataset.open(plan.dataset()), "demo", true, new ConsoleProgress(err));
      CaptionEmbeddings.Index index = CaptionEmbeddings.read(written).index();
      out.printf(
          Locale.ROOT,
          "wrote %s: %d distinct captions x %d, from step %d%n",
          written,
          index.rows(),
          index.dim(),
          index.step());
      out.flush();
    }
    return new StageResult(3, title, Outcome.MADE, List.of(folder));
  }

  StageResult export() throws IOException {
    String title = "export";
    Path models = layout.models();
    List<Path> outputs =
        Stream.of(TextEncoderContract.MODEL, Text2ImageContract.MODEL, StyleContract.MODEL)
            .map(model -> models.resolve(model).resolve("1").resolve("saved_model.pb"))
            .toList();
    return derived(
        6,
        title,
        "export",
        outputs,
        () -> {
          Path embedding = layout.embedding();
          wrote(TextEncoderExport.export(embedding, models, 1, true));
          wrote(TextToImageExport.export(embedding, layout.gan(), models, 1, true));
          wrote(StyleExport.export(embedding, layout.style(), models, 1, true));
        });
  }

  StageResult picturesAndEvaluations() throws IOException {
    List<Path> pictures =
        List.of(
            layout.samples(),
            layout.interpolationText(),
            layout.interpolationNoise(),
            layout.styleQuery(),
            layout.styleTransfer());
    List<Path> evaluations =
        List.of(
            layout.embedding().resolve(EmbeddingEvaluator.FILE),
            layout.gan().resolve(GanEvaluator.FILE),
            layout.style().resolve(StyleEvaluator.FILE));
    return derived(
        7,
        "pictures and evaluations",
        "pictures",
        Stream.concat(pictures.stream(), evaluations.stream()).toList(),
        () -> {
          pictures();
          pictures.forEach(this::wrote);
          evaluations();
        });
  }

  StageResult report() throws IOException {
    List<Path> outputs = layout.runs().stream().map(run -> run.resolve(ReportWriter.FILE)).toList();
    return derived(
        8,
        "report",
        "report",
        outputs,
        () -> {
          for (Path run : layout.runs()) {
            ReportWriter.Written w = ReportWriter.write(run, null);
            out.printf(Locale.ROOT, "wrote %s (%.1f MB)%n", w.file(), w.bytes() / 1e6);
          }
          out.flush();
        });
  }

  @FunctionalInterface
  private interface Work {
    void run() throws IOException;
  }

  /**
   * A stage made from the trained runs: reused while its outputs exist and the runs' latest
   * checkpoints are the ones it was made from; otherwise made again, and recorded in demo.json.
   */
  private StageResult derived(int number, String title, String key, List<Path> outputs, Work work)
      throws IOException {
    Map<String, Long> sources = sourceSteps();
    if (state.finishedFrom(key, sources) && outputs.stream().allMatch(Files::exists)) {
      announce(number, title + ": reusing what the runs' current checkpoints made");
      return new StageResult(number, title, Outcome.REUSED, outputs);
    }
    announce(number, title);
    work.run();
    state = state.withFinished(key, sources);
    state.write(plan.out());
    return new StageResult(number, title, Outcome.MADE, outputs);
  }

  /** The latest checkpoint step of each trained run. */
  private Map<String, Long> sourceSteps() {
    Map<String, Long> steps = new LinkedHashMap<>();
    for (Path run : layout.runs()) {
      steps.put(run.getFileName().toString(), Checkpoints.latestOf(run).step());
    }
    return steps;
  }

  /**
   * The fixed-prompt grid; text and noise interpolations between a trainval and a test-class
   * caption; a style transfer of a test-class image to three captions.
   */
  private void pictures() throws IOException {
    Dataset dataset = Dataset.open(plan.dataset());
    List<String> captions;
    try (GanModel g = GanModel.load(layout.gan(), plan.threads());
        EmbeddingModel e = EmbeddingModel.load(g.embeddingRun(), plan.threads())) {
      SampleGrid grid =
          new SampleGrid(
              dataset,
              CaptionEmbeddings.read(Path.of(g.config().embeddings())),
              g.zDim(),
              4,
              8,
              12345);
      AtomicFiles.write(layout.samples(), Images.encodePng(grid.render(g)));
      captions = grid.captions();
      String trainval = captions.get(0);
      String test = captions.get(captions.size() - 1);
      InterpolateCommand.writeGrids(
          g, e, trainval, test, 8, 0, 1, layout.interpolationText(), layout.interpolationNoise());
    }
    TextImageRecord query = dataset.read(Split.TEST).get(0);
    AtomicFiles.write(layout.styleQuery(), query.png());
    // The generator the style run inverts, as `t2i style-transfer` uses it.
    try (StyleModel s = StyleModel.load(layout.style(), plan.threads());
        GanModel g = GanModel.load(Path.of(s.config().gan()), s.checkpoint(), plan.threads());
        EmbeddingModel e = EmbeddingModel.load(g.embeddingRun(), plan.threads())) {
      List<String> texts =
          List.of(captions.get(0), captions.get(captions.size() - 1), captions.get(1));
      AtomicFiles.write(
          layout.styleTransfer(),
          Images.encodePng(
              StyleTransferCommand.transfer(
                  s, g, s.config().gan(), e, layout.styleQuery(), texts, err)));
    }
  }

  private void evaluations() throws IOException {
    ConsoleProgress progress = new ConsoleProgress(err);
    out.print(
        EmbeddingEvaluator.run(
                layout.embedding(), null, List.of(Split.TEST), plan.threads(), progress)
            .format());
    out.print(
        GanEvaluator.run(layout.gan(), null, null, List.of(Split.TEST), 0, plan.threads(), progress)
            .format());
    out.print(
        StyleEvaluator.format(
            List.of(StyleEvaluator.run(layout.style(), plan.threads(), progress))));
    out.flush();
  }

  private static Path absolute(Path path) {
    return path.toAbsolutePath().normalize();
  }

  private void wrote(Path path) {
    out.println("wrote " + path);
    out.flush();
  }

  private void announce(int number, String line) {
    err.printf(Locale.ROOT, "[%d/%d] %s%n", number, STAGES, line);
    err.flush();
  }
}
