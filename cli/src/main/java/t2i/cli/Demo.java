package t2i.cli;

import java.awt.image.BufferedImage;
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
import t2i.data.EvenlySpaced;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.image.Images;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.AtomicFiles;
import t2i.data.io.Json;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.data.scenes.ScenesDatasetBuilder;
import t2i.data.scenes.ScenesDatasetOptions;
import t2i.error.UserException;
import t2i.export.StyleExport;
import t2i.export.TextEncoderExport;
import t2i.export.TextToImageExport;
import t2i.export.TextToSceneExport;
import t2i.serving.StyleContract;
import t2i.serving.Text2ImageContract;
import t2i.serving.Text2LayoutContract;
import t2i.serving.Text2SceneContract;
import t2i.serving.TextEncoderContract;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.embedding.CaptionEncoder;
import t2i.training.embedding.EmbeddingEvaluator;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.GanEvaluator;
import t2i.training.gan.GanModel;
import t2i.training.gan.SampleGrid;
import t2i.training.layout.BoxEvaluation;
import t2i.training.layout.BoxEvaluator;
import t2i.training.layout.LayoutModel;
import t2i.training.layout.SceneModel;
import t2i.training.layout.ScenePipeline;
import t2i.training.layout.ShapeEvaluation;
import t2i.training.layout.ShapeEvaluator;
import t2i.training.layout.ShapesModel;
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
  // Shares of the budget in training time; the rest goes to data, embeddings, export, pictures,
  // evaluations and reports. Without the scenes the first three grow to the same total.
  static final double EMBEDDING_SHARE = 0.12;
  static final double GAN_SHARE = 0.45;
  static final double STYLE_SHARE = 0.08;
  static final double BOXES_SHARE = 0.07;
  static final double SHAPES_SHARE = 0.06;
  static final double LAYOUT_IMAGE_SHARE = 0.10;
  static final double TRAINING_SHARE =
      EMBEDDING_SHARE + GAN_SHARE + STYLE_SHARE + BOXES_SHARE + SHAPES_SHARE + LAYOUT_IMAGE_SHARE;
  static final int STAGES = 13;

  /**
   * The name of the caption embeddings a demo folder writes into each dataset: its own, so that two
   * demo folders on one dataset never overwrite the embeddings the other's runs trained on.
   */
  static String embeddingsName(Path out) {
    String folder = out.toAbsolutePath().normalize().toString();
    return String.format(Locale.ROOT, "demo-%08x", folder.hashCode());
  }

  /** Test scenes the box and shape generators are evaluated on (the split's first). */
  static final int EVALUATED_SCENES = 500;

  /** Captions the scene pictures draw, from each of trainval and test. */
  static final int SCENE_CAPTIONS = 2;

  /** What the user asked for; {@code scenes} false leaves out the layout pipeline. */
  record Plan(
      Path dataset,
      Path scenesDataset,
      boolean scenes,
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
    REUSED,
    SKIPPED
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

    Path boxes() {
      return out.resolve("boxes");
    }

    Path shapes() {
      return out.resolve("shapes");
    }

    Path layoutImage() {
      return out.resolve("layout-image");
    }

    /** The scene pictures, one per caption, beside the image generator's samples. */
    Path scenePicture(int i) {
      return layoutImage().resolve("scene-" + (i + 1) + ".png");
    }

    Path samples() {
      return gan().resolve("demo-samples.png");
    }

    /** The bundled pretrained model's pictures, drawn before anything trains. */
    Path pretrained() {
      return out.resolve(DemoPretrained.FILE);
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

    List<Path> runs(boolean scenes) {
      return scenes
          ? List.of(embedding(), gan(), style(), boxes(), shapes(), layoutImage())
          : List.of(embedding(), gan(), style());
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
    results.add(pretrained());
    results.add(dataset(built));
    results.add(
        trained(
            2,
            "text encoder (DS-SJE)",
            layout.embedding(),
            layout.gan(),
            coreShare(EMBEDDING_SHARE),
            training::textEncoder));
    StageResult embeddings =
        captionEmbeddings(
            3, "caption embeddings", layout.embedding(), plan.dataset(), layout.gan());
    results.add(embeddings);
    Path embeddingsFolder = embeddings.outputs().get(0);
    results.add(
        trained(
            4,
            "GAN-INT-CLS, cpu preset",
            layout.gan(),
            layout.style(),
            coreShare(GAN_SHARE),
            (run, minutes, resume) -> training.gan(embeddingsFolder, run, minutes, resume)));
    results.add(
        trained(
            5,
            "style encoder",
            layout.style(),
            layout.models(),
            coreShare(STYLE_SHARE),
            (run, minutes, resume) -> training.style(layout.gan(), run, minutes, resume)));
    if (plan.scenes()) {
      results.addAll(scenes());
    } else {
      for (int number = 6; number <= 10; number++) {
        announce(number, SCENE_STAGES.get(number - 6) + ": skipped (--no-scenes)");
        results.add(
            new StageResult(number, SCENE_STAGES.get(number - 6), Outcome.SKIPPED, List.of()));
      }
    }
    results.add(export());
    results.add(picturesAndEvaluations());
    results.add(report());
    return results;
  }

  /** Stage 0: the bundled pretrained model's pictures, within the demo's first minute. */
  StageResult pretrained() throws IOException {
    String title = "pretrained model (bundled in models/)";
    Path picture = layout.pretrained();
    Path bundle = BundledModels.folder();
    announce(0, title);
    Outcome outcome = DemoPretrained.draw(bundle, picture, err);
    if (outcome == Outcome.SKIPPED) {
      err.printf("no bundled model in %s: the demo trains its own%n", bundle);
      err.flush();
      return new StageResult(0, title, outcome, List.of());
    }
    return new StageResult(0, title, outcome, List.of(picture));
  }

  static final List<String> SCENE_STAGES =
      List.of(
          "emoji scenes dataset",
          "box generator",
          "scene caption embeddings",
          "shape generator",
          "layout image generator");

  /** A share of the budget for a stage of the single-object pipeline. */
  private double coreShare(double share) {
    return plan.scenes()
        ? share
        : share * TRAINING_SHARE / (EMBEDDING_SHARE + GAN_SHARE + STYLE_SHARE);
  }

  /**
   * The layout pipeline of Hong et al.: the scenes dataset, the box generator, its caption
   * embeddings, the shape generator and the layout-conditioned image generator.
   */
  private List<StageResult> scenes() throws Exception {
    List<StageResult> results = new ArrayList<>();
    results.add(scenesDataset());
    results.add(
        trained(
            7,
            SCENE_STAGES.get(1),
            layout.boxes(),
            layout.layoutImage(),
            BOXES_SHARE,
            training::boxes));
    StageResult embeddings =
        captionEmbeddings(
            8, SCENE_STAGES.get(2), layout.boxes(), plan.scenesDataset(), layout.layoutImage());
    results.add(embeddings);
    Path embeddingsFolder = embeddings.outputs().get(0);
    results.add(
        trained(9, SCENE_STAGES.get(3), layout.shapes(), null, SHAPES_SHARE, training::shapes));
    results.add(
        trained(
            10,
            SCENE_STAGES.get(4),
            layout.layoutImage(),
            null,
            LAYOUT_IMAGE_SHARE,
            (run, minutes, resume) ->
                training.layoutImage(embeddingsFolder, run, minutes, resume)));
    return results;
  }

  /** The scenes dataset, built from the package cache the emoji dataset was built from. */
  StageResult scenesDataset() throws IOException {
    String title = SCENE_STAGES.get(0);
    Path folder = plan.scenesDataset();
    if (Files.exists(folder.resolve(DatasetManifest.FILE_NAME))) {
      announce(6, title + ": reusing " + folder);
      return new StageResult(6, title, Outcome.REUSED, List.of(folder));
    }
    if (Files.exists(folder)) {
      throw new UserException(
          folder
              + " exists and is not a t2i dataset: choose another --scenes-data, or move it away");
    }
    announce(6, title);
    new ScenesDatasetBuilder(ScenesDatasetOptions.builder(folder, Locations.cacheDir()).build())
        .build(new ConsoleProgress(err));
    out.print(DatasetSummary.of(Dataset.open(folder)).format());
    out.flush();
    return new StageResult(6, title, Outcome.MADE, List.of(folder));
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
   *
   * @param next the run trained on this one's output, or null for none
   */
  StageResult trained(
      int number, String title, Path run, Path next, double share, TrainingStage stage)
      throws Exception {
    double budgetSeconds = share * plan.minutes() * 60;
    double done = Files.exists(run.resolve(RunDirectory.CONFIG)) ? trainedSeconds(run) : -1;
    boolean nextStarted = next != null && Files.exists(next.resolve(RunDirectory.CONFIG));
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

  /**
   * Caption embeddings of a caption encoder's latest checkpoint, unless already written; kept as
   * they are once the run trained on them has started.
   */
  StageResult captionEmbeddings(
      int number, String title, Path encoderRun, Path dataset, Path consumer) throws IOException {
    String name = embeddingsName(plan.out());
    Path folder = CaptionEmbeddings.folder(dataset, name);
    long step = Checkpoints.latestOf(encoderRun).step();
    Path run = encoderRun.toAbsolutePath().normalize();
    if (Files.exists(folder.resolve(CaptionEmbeddings.INDEX))) {
      CaptionEmbeddings.Index index = CaptionEmbeddings.read(folder).index();
      boolean consumerStarted = Files.exists(consumer.resolve(RunDirectory.CONFIG));
      if (consumerStarted || (index.step() == step && Path.of(index.run()).equals(run))) {
        announce(number, title + ": reusing " + folder);
        return new StageResult(number, title, Outcome.REUSED, List.of(folder));
      }
    }
    announce(number, title);
    try (CaptionEncoder model = CaptionEncoders.load(encoderRun, plan.threads())) {
      Path written =
          CaptionEmbeddings.write(
              model, Dataset.open(dataset), name, true, new ConsoleProgress(err));
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
    return new StageResult(number, title, Outcome.MADE, List.of(folder));
  }

  StageResult export() throws IOException {
    String title = "export";
    Path models = layout.models();
    Stream<String> names =
        Stream.of(TextEncoderContract.MODEL, Text2ImageContract.MODEL, StyleContract.MODEL);
    if (plan.scenes()) {
      names = Stream.concat(names, Stream.of(Text2LayoutContract.MODEL, Text2SceneContract.MODEL));
    }
    List<Path> outputs =
        names.map(model -> models.resolve(model).resolve("1").resolve("saved_model.pb")).toList();
    return derived(
        11,
        title,
        "export",
        outputs,
        () -> {
          Path embedding = layout.embedding();
          wrote(TextEncoderExport.export(embedding, models, 1, true));
          wrote(TextToImageExport.export(embedding, layout.gan(), models, 1, true));
          wrote(StyleExport.export(embedding, layout.style(), models, 1, true));
          if (plan.scenes()) {
            wrote(TextToSceneExport.exportLayout(layout.boxes(), layout.shapes(), models, 1, true));
            wrote(
                TextToSceneExport.exportScene(
                    layout.boxes(), layout.shapes(), layout.layoutImage(), models, 1, true));
          }
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
        new ArrayList<>(
            List.of(
                layout.embedding().resolve(EmbeddingEvaluator.FILE),
                layout.gan().resolve(GanEvaluator.FILE),
                layout.style().resolve(StyleEvaluator.FILE)));
    List<Path> scenePictures = new ArrayList<>();
    if (plan.scenes()) {
      for (int i = 0; i < 2 * SCENE_CAPTIONS; i++) {
        scenePictures.add(layout.scenePicture(i));
      }
      evaluations.add(layout.boxes().resolve(BoxEvaluation.FILE));
      evaluations.add(layout.shapes().resolve(ShapeEvaluation.FILE));
    }
    return derived(
        12,
        "pictures and evaluations",
        "pictures",
        Stream.of(pictures, scenePictures, evaluations).flatMap(List::stream).toList(),
        () -> {
          pictures();
          pictures.forEach(this::wrote);
          if (plan.scenes()) {
            scenePictures();
            scenePictures.forEach(this::wrote);
          }
          evaluations();
        });
  }

  StageResult report() throws IOException {
    List<Path> outputs =
        layout.runs(plan.scenes()).stream().map(run -> run.resolve(ReportWriter.FILE)).toList();
    return derived(
        13,
        "report",
        "report",
        outputs,
        () -> {
          for (Path run : layout.runs(plan.scenes())) {
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
    for (Path run : layout.runs(plan.scenes())) {
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

  /**
   * The whole layout pipeline drawing the first captions of evenly spaced trainval and test scenes
   * (test scenes hold out emoji and relation combinations), four seeds each.
   */
  private void scenePictures() throws IOException {
    SceneDataset scenes = SceneDataset.open(plan.scenesDataset());
    List<String> captions = new ArrayList<>();
    for (Split split : List.of(Split.TRAINVAL, Split.TEST)) {
      for (SceneRecord r : EvenlySpaced.of(scenes.read(split), SCENE_CAPTIONS)) {
        captions.add(r.captions().get(0));
      }
    }
    ScenePipeline.Runs runs =
        ScenePipeline.Runs.load(layout.boxes(), layout.shapes(), layout.layoutImage());
    try (SceneModel model = new SceneModel(runs, plan.threads())) {
      List<BufferedImage> pictures =
          SampleSceneCommand.pictures(model, captions, 4, 0, runs.boxes().temperature());
      for (int i = 0; i < pictures.size(); i++) {
        PngOutput.write(layout.scenePicture(i), pictures.get(i));
      }
    }
  }

  private void evaluations() throws IOException {
    ConsoleProgress progress = new ConsoleProgress(err);
    if (plan.scenes()) {
      sceneEvaluations(progress);
    }
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

  /** The box generator's facts on test captions, the shape generator's mask IoU on test scenes. */
  private void sceneEvaluations(ConsoleProgress progress) throws IOException {
    try (LayoutModel model = LayoutModel.load(layout.boxes(), plan.threads())) {
      BoxEvaluation e =
          BoxEvaluator.evaluate(
              model,
              layout.boxes(),
              new BoxEvaluator.Options(
                  Split.TEST, 5, EVALUATED_SCENES, model.config().temperature(), 0),
              progress);
      Json.write(layout.boxes().resolve(BoxEvaluation.FILE), e);
      out.print(e.format());
    }
    try (ShapesModel model = ShapesModel.load(layout.shapes(), plan.threads())) {
      List<SceneRecord> test = SceneDataset.open(plan.scenesDataset()).read(Split.TEST);
      ShapeEvaluation e =
          new ShapeEvaluator(model)
              .evaluate(test.subList(0, Math.min(EVALUATED_SCENES, test.size())), 0, progress);
      Json.write(layout.shapes().resolve(ShapeEvaluation.FILE), e);
      out.print(e.format());
    }
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
