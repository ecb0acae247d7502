package t2i.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import t2i.data.DataException;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.image.Images;
import t2i.data.io.AtomicDirectory;
import t2i.data.io.AtomicFiles;
import t2i.data.io.Json;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.GanModel;
import t2i.training.gan.SampleGrid;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;

/**
 * {@code t2i demo}: the whole pipeline in one command, within one time budget. Each stage is the
 * command a user would type (run in this process), so its progress bar, checkpoints and resume are
 * the ordinary ones; a stage whose run folder already holds its share of training time, or whose
 * successor has started, is reused.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the pipeline end to end within --minutes: the emoji dataset (built once), the text"
          + " encoder (15%% of the budget), caption embeddings, GAN-INT-CLS with the cpu"
          + " preset (60%%), the style encoder (10%%), export of all models, sample grids for"
          + " fixed prompts (half from test classes never trained on), interpolation and style"
          + " transfer grids, evaluations, and report.html.",
      "A second run reuses finished stages (--fresh starts over); after Ctrl-C the next run"
          + " resumes the interrupted stage from its checkpoint."
    })
final class DemoCommand implements Callable<Integer> {
  static final String MARKER = "demo.json";
  static final double EMBEDDING_SHARE = 0.15;
  static final double GAN_SHARE = 0.6;
  static final double STYLE_SHARE = 0.1;

  /** What {@code demo.json} records: the budget the stages were sized by. */
  record DemoState(double minutes, String dataset) {}

  @Spec CommandSpec spec;

  @Mixin DatasetOption data;

  @Option(
      names = "--minutes",
      paramLabel = "M",
      description = "The whole demo's budget (default: ${DEFAULT-VALUE}).",
      defaultValue = "30")
  double minutes;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Where the runs, models and pictures go (default: ${DEFAULT-VALUE}).",
      defaultValue = "runs/demo")
  Path out;

  @Option(names = "--fresh", description = "Start over: rebuild the dataset and every stage.")
  boolean fresh;

  /** Tiny networks everywhere: for tests of the pipeline itself. */
  @Option(names = "--tiny", hidden = true)
  boolean tiny;

  @Mixin NpmOption npm;

  @Mixin ThreadsOption threads;

  private PrintWriter err;
  private final List<Path> written = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (!(minutes > 0)) {
      throw new IllegalArgumentException("--minutes must be > 0, was " + minutes);
    }
    err = spec.commandLine().getErr();
    boolean built = Files.exists(data.dir.resolve(DatasetManifest.FILE_NAME));
    if (!built && Files.exists(data.dir)) {
      throw new DataException(
          data.dir + " exists and is not a t2i dataset: choose another --data, or move it away");
    }
    prepareOut();
    dataset(built);
    Path embedding = out.resolve("embedding");
    Path gan = out.resolve("gan");
    Path style = out.resolve("style");
    Path models = out.resolve("models");
    train(
        "[2/8] text encoder (DS-SJE)",
        embedding,
        gan,
        EMBEDDING_SHARE,
        tiny(
            List.of("train", "embedding", "--data", data.dir.toString()),
            "--text-preset",
            "tiny",
            "--image-preset",
            "tiny"));
    Path embeddings = embed(embedding);
    train(
        "[4/8] GAN-INT-CLS, cpu preset",
        gan,
        style,
        GAN_SHARE,
        List.of(
            "train",
            "gan",
            "--data",
            data.dir.toString(),
            "--embeddings",
            embeddings.toString(),
            "--sample-every",
            "200"));
    train(
        "[5/8] style encoder",
        style,
        models,
        STYLE_SHARE,
        tiny(
            List.of("train", "style", "--gan", gan.toString()),
            "--preset",
            "tiny",
            "--batch",
            "8"));
    stage("[6/8] export");
    run(
        "export",
        "--embedding",
        embedding.toString(),
        "--gan",
        gan.toString(),
        "--style",
        style.toString(),
        "--out",
        models.toString(),
        "--force");
    written.add(models);
    stage("[7/8] pictures and evaluations");
    pictures(embedding, gan, style);
    run("eval", "embedding", embedding.toString(), "--split", "test", threadsArg(), threadsValue());
    run("eval", "gan", gan.toString(), threadsArg(), threadsValue());
    run("eval", "style", style.toString(), threadsArg(), threadsValue());
    stage("[8/8] report");
    if (hasCommand("report")) {
      run("report", embedding.toString(), gan.toString(), style.toString());
      for (Path run : List.of(embedding, gan, style)) {
        written.add(run.resolve("report.html"));
      }
    } else {
      err.println("  `t2i report` is not available in this build: skipped");
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println();
    o.println("The demo wrote:");
    for (Path p : written) {
      o.println("  " + p);
    }
    o.flush();
    return 0;
  }

  private void prepareOut() throws IOException {
    Path marker = out.resolve(MARKER);
    if (Files.isDirectory(out) && !Files.exists(marker)) {
      try (Stream<Path> entries = Files.list(out)) {
        if (entries.findAny().isPresent()) {
          throw new DataException(
              out + " exists and is not a t2i demo folder: choose another --out, or move it away");
        }
      }
    }
    if (fresh && Files.exists(marker)) {
      AtomicDirectory.deleteRecursively(out);
    }
    Files.createDirectories(out);
    if (!Files.exists(marker)) {
      Json.write(marker, new DemoState(minutes, data.dir.toAbsolutePath().toString()));
    } else {
      DemoState state = Json.read(marker, DemoState.class);
      if (state.minutes() != minutes) {
        err.printf(
            Locale.ROOT,
            "note: %s was sized for --minutes %.0f; unfinished stages now use %.0f%n",
            out,
            state.minutes(),
            minutes);
      }
    }
  }

  private void dataset(boolean built) throws Exception {
    if (built && !fresh) {
      stage("[1/8] emoji dataset: reusing " + data.dir + " (--fresh rebuilds it)");
    } else {
      stage("[1/8] emoji dataset");
      EmojiDatasetOptions options =
          EmojiDatasetOptions.builder(data.dir, Locations.cacheDir()).force(fresh).build();
      DataEmojiCommand.build(spec, options, npm.executable());
    }
    DataInfoCommand.printSummary(spec, Dataset.open(data.dir));
  }

  /**
   * Trains a stage up to its share of the budget, in training time over all sessions; done when it
   * has that much, or when the next stage has started (its input must not change under it).
   */
  private void train(String title, Path run, Path next, double share, List<String> command) {
    double budgetSeconds = share * minutes * 60;
    double done = Files.exists(run.resolve("config.json")) ? trainedSeconds(run) : -1;
    if (done >= budgetSeconds - 1 || (done >= 0 && Files.exists(next.resolve("config.json")))) {
      stage(title + String.format(Locale.ROOT, ": done (%.1f min), reusing %s", done / 60, run));
      written.add(run);
      return;
    }
    double remaining = (budgetSeconds - Math.max(0, done)) / 60;
    stage(
        title
            + String.format(
                Locale.ROOT, done >= 0 ? ": resuming, %.1f more min" : ": %.1f min", remaining));
    List<String> args = new ArrayList<>(command);
    args.addAll(
        List.of(
            "--out", run.toString(), "--minutes", String.format(Locale.ROOT, "%.3f", remaining)));
    if (done >= 0) {
      args.add("--resume");
      // a resumed run keeps its configuration: drop the options only new runs take
      args = withoutNewRunOptions(args);
    }
    args.add(threadsArg());
    args.add(threadsValue());
    run(args.toArray(new String[0]));
    written.add(run);
  }

  private List<String> tiny(List<String> command, String... options) {
    List<String> out = new ArrayList<>(command);
    if (tiny) {
      out.addAll(List.of(options));
    }
    return out;
  }

  private static final java.util.Set<String> NEW_RUN_OPTIONS =
      java.util.Set.of(
          "--gan",
          "--embeddings",
          "--data",
          "--preset",
          "--batch",
          "--text-preset",
          "--image-preset");

  private static List<String> withoutNewRunOptions(List<String> args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (NEW_RUN_OPTIONS.contains(a)) {
        i++; // and its value
      } else {
        kept.add(a);
      }
    }
    return kept;
  }

  private static double trainedSeconds(Path run) {
    return new Checkpoints(run).latest().map(Checkpoint::elapsedSeconds).orElse(0.0);
  }

  /** Caption embeddings of the text encoder's latest checkpoint, unless already written. */
  private Path embed(Path embedding) throws IOException {
    Path folder = CaptionEmbeddings.folder(data.dir, "demo");
    long step = Checkpoints.latestOf(embedding).step();
    boolean current =
        Files.exists(folder.resolve(CaptionEmbeddings.INDEX))
            && CaptionEmbeddings.read(folder).index().step() == step
            && Path.of(CaptionEmbeddings.read(folder).index().run())
                .equals(embedding.toAbsolutePath().normalize());
    if (current) {
      stage("[3/8] caption embeddings: reusing " + folder);
    } else {
      stage("[3/8] caption embeddings");
      run(
          "embed",
          embedding.toString(),
          "--data",
          data.dir.toString(),
          "--name",
          "demo",
          "--force",
          threadsArg(),
          threadsValue());
    }
    written.add(folder);
    return folder;
  }

  /** Pictures stage 7 writes, relative to the demo folder. */
  private static final List<String> pictures =
      List.of(
          "gan/demo-samples.png",
          "gan/interpolation-text.png",
          "gan/interpolation-noise.png",
          "style/style-transfer.png");

  /** Whether every model was exported from the runs' latest checkpoints. */
  private static boolean exported(Path models, Path embedding, Path gan, Path style) {
    Map<String, List<Path>> sources =
        Map.of(
            "text_encoder", List.of(embedding),
            "text2image", List.of(embedding, gan),
            "style", List.of(embedding, style));
    for (var e : sources.entrySet()) {
      Path manifest = models.resolve(e.getKey()).resolve("1").resolve("t2i-export.json");
      if (!Files.exists(manifest)) {
        return false;
      }
      JsonObject m = Json.read(manifest, JsonObject.class);
      JsonArray list = m.getAsJsonArray("sources");
      for (int i = 0; i < e.getValue().size(); i++) {
        long step = list.get(i).getAsJsonObject().get("step").getAsLong();
        if (step != Checkpoints.latestOf(e.getValue().get(i)).step()) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether the pictures exist and each evaluation is of its run's latest checkpoint. */
  private boolean evaluated(Path embedding, Path gan, Path style) {
    if (!pictures.stream().allMatch(p -> Files.exists(out.resolve(p)))) {
      return false;
    }
    Map<Path, String> files =
        Map.of(embedding, "eval-embedding.json", gan, "eval-gan.json", style, "eval-style.json");
    for (var e : files.entrySet()) {
      Path file = e.getKey().resolve(e.getValue());
      if (!Files.exists(file)
          || Json.read(file, JsonObject.class).get("step").getAsLong()
              != Checkpoints.latestOf(e.getKey()).step()) {
        return false;
      }
    }
    return true;
  }

  /** The fixed-prompt grid, interpolations and a style transfer of a test-class image. */
  private void pictures(Path embedding, Path gan, Path style) throws IOException {
    Dataset dataset = Dataset.open(data.dir);
    Path samples = gan.resolve("demo-samples.png");
    try (GanModel g = GanModel.load(gan, threads.threads)) {
      SampleGrid grid =
          new SampleGrid(
              dataset,
              CaptionEmbeddings.read(Path.of(g.config().embeddings())),
              g.zDim(),
              4,
              8,
              12345);
      AtomicFiles.write(samples, Images.encodePng(grid.render(g)));
      written.add(samples);
      List<String> labels = grid.labels();
      String trainval = labels.get(0).replace("[trainval] ", "");
      String test = labels.get(labels.size() - 1).replace("[test class] ", "");
      run(
          "interpolate",
          "--gan",
          gan.toString(),
          "--text",
          trainval,
          "--text",
          test,
          "--out",
          gan.resolve("interpolation").toString(),
          threadsArg(),
          threadsValue());
      written.add(gan.resolve("interpolation-text.png"));
      written.add(gan.resolve("interpolation-noise.png"));
      TextImageRecord query = dataset.read(Split.TEST).get(0);
      Path queryFile = style.resolve("query.png");
      AtomicFiles.write(queryFile, query.png());
      run(
          "style-transfer",
          "--style",
          style.toString(),
          "--image",
          queryFile.toString(),
          "--text",
          trainval,
          "--text",
          test,
          "--text",
          labels.get(1).replace("[trainval] ", ""),
          "--out",
          style.resolve("style-transfer.png").toString(),
          threadsArg(),
          threadsValue());
      written.add(style.resolve("style-transfer.png"));
    }
  }

  private String threadsArg() {
    return "--threads";
  }

  private String threadsValue() {
    return Integer.toString(threads.threads);
  }

  private void stage(String line) {
    err.println(line);
    err.flush();
  }

  private boolean hasCommand(String name) {
    return Main.newCommandLine().getSubcommands().containsKey(name);
  }

  /** One t2i command in this process, sharing our streams; its failure ends the demo. */
  private void run(String... args) {
    CommandLine cli = Main.newCommandLine();
    cli.setOut(spec.commandLine().getOut());
    cli.setErr(spec.commandLine().getErr());
    int code = cli.execute(args);
    if (code != 0) {
      throw new DataException(
          "the demo stopped: `t2i " + String.join(" ", args) + "` failed (exit " + code + ")");
    }
  }
}
