package t2i.training.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import t2i.data.io.Json;
import t2i.error.UserException;
import t2i.training.embedding.EmbeddingEvaluator;
import t2i.training.gan.GanEvaluator;
import t2i.training.layout.BoxEvaluation;
import t2i.training.layout.SceneEvaluation;
import t2i.training.layout.ShapeEvaluation;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;
import t2i.training.style.StyleEvaluator;

/**
 * What a run folder holds, for a report: its kind and configuration (flattened to dotted keys),
 * {@code losses.csv}, what {@code checkpoints/latest.json} says (steps and wall time), the newest
 * sample grids, the other PNG grids written into the folder (interpolations, style transfer), and
 * the evaluations. Everything but {@code config.json} may be missing: its field is then null or
 * empty.
 *
 * @param losses null without a {@code losses.csv}
 * @param checkpoint null before the first checkpoint
 * @param samples newest first, at most {@link #SAMPLE_GRIDS}
 * @param grids by file name
 * @param embeddingEval null if not evaluated
 * @param ganEval null if not evaluated
 * @param styleEval null if not evaluated
 * @param boxEval null if not evaluated ({@code t2i eval boxes})
 * @param shapeEval null if not evaluated ({@code t2i eval shapes})
 * @param sceneEval null if not evaluated ({@code t2i eval scenes}, written into the scene judge's
 *     run)
 */
public record RunReport(
    Path dir,
    String kind,
    List<Setting> config,
    LossLog losses,
    Checkpoints.Latest checkpoint,
    List<Picture> samples,
    List<Picture> grids,
    EmbeddingEvaluator.Report embeddingEval,
    GanEvaluator.Report ganEval,
    StyleEvaluator.Report styleEval,
    BoxEvaluation boxEval,
    ShapeEvaluation shapeEval,
    SceneEvaluation sceneEval) {

  /** How many of the newest sample grids a report shows. */
  public static final int SAMPLE_GRIDS = 3;

  static final String LOSSES = "losses.csv";
  static final String SAMPLES = "samples";
  private static final Pattern SAMPLE = Pattern.compile("step-(\\d+)\\.png");

  /** One configuration value; nested keys are joined with dots, lists are shown as JSON. */
  public record Setting(String key, String value) {}

  /** An image file of the run and its caption. */
  public record Picture(String caption, Path file) {}

  public RunReport {
    config = List.copyOf(config);
    samples = List.copyOf(samples);
    grids = List.copyOf(grids);
  }

  public static RunReport read(Path dir) throws IOException {
    Path configFile = dir.resolve(RunDirectory.CONFIG);
    if (!Files.isRegularFile(configFile)) {
      throw new UserException(
          dir + " is not a t2i run (no " + RunDirectory.CONFIG + "): check the path");
    }
    JsonObject root = parseObject(configFile);
    JsonElement kind = root.get("kind");
    JsonElement config = root.get("config");
    if (kind == null || !kind.isJsonPrimitive() || config == null || !config.isJsonObject()) {
      throw new UserException(
          configFile + " is not a t2i run configuration: it needs \"kind\" and \"config\"");
    }
    List<Setting> settings = new ArrayList<>();
    flatten("", config.getAsJsonObject(), settings);
    Path csv = dir.resolve(LOSSES);
    return new RunReport(
        dir,
        kind.getAsString(),
        settings,
        Files.isRegularFile(csv) ? LossLog.read(csv) : null,
        new Checkpoints(dir).latestEntry().orElse(null),
        samples(dir.resolve(SAMPLES)),
        grids(dir),
        readIfPresent(dir.resolve(EmbeddingEvaluator.FILE), EmbeddingEvaluator.Report.class),
        readIfPresent(dir.resolve(GanEvaluator.FILE), GanEvaluator.Report.class),
        readIfPresent(dir.resolve(StyleEvaluator.FILE), StyleEvaluator.Report.class),
        readIfPresent(dir.resolve(BoxEvaluation.FILE), BoxEvaluation.class),
        readIfPresent(dir.resolve(ShapeEvaluation.FILE), ShapeEvaluation.class),
        readIfPresent(dir.resolve(SceneEvaluation.FILE), SceneEvaluation.class));
  }

  private static void flatten(String prefix, JsonObject object, List<Setting> out) {
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      String key = prefix + e.getKey();
      JsonElement value = e.getValue();
      if (value.isJsonObject()) {
        flatten(key + ".", value.getAsJsonObject(), out);
      } else if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
        out.add(new Setting(key, value.getAsString()));
      } else {
        out.add(new Setting(key, value.toString()));
      }
    }
  }

  /** The newest {@code step-N.png} grids, newest first; {@code latest.png} if there are none. */
  private static List<Picture> samples(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    record Step(long step, Path file) {}
    List<Step> steps = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files.forEach(
          f -> {
            Matcher m = SAMPLE.matcher(f.getFileName().toString());
            if (m.matches() && Files.isRegularFile(f)) {
              steps.add(new Step(Long.parseLong(m.group(1)), f));
            }
          });
    }
    steps.sort(Comparator.comparingLong(Step::step).reversed());
    List<Picture> pictures = new ArrayList<>();
    for (Step s : steps.subList(0, Math.min(SAMPLE_GRIDS, steps.size()))) {
      pictures.add(
          new Picture(
              "step " + s.step() + " (" + SAMPLES + "/" + s.file().getFileName() + ")", s.file()));
    }
    Path latest = folder.resolve("latest.png");
    if (pictures.isEmpty() && Files.isRegularFile(latest)) {
      pictures.add(new Picture(SAMPLES + "/latest.png", latest));
    }
    return pictures;
  }

  /** PNG files in the run folder itself, e.g. {@code interpolation-text.png}, by name. */
  private static List<Picture> grids(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> isGrid(f.getFileName().toString()))
          .filter(Files::isRegularFile)
          .sorted(Comparator.comparing(f -> f.getFileName().toString()))
          .map(f -> new Picture(f.getFileName().toString(), f))
          .toList();
    }
  }

  /** A PNG file, not hidden (a writer's temporary file). */
  private static boolean isGrid(String name) {
    return !name.startsWith(".") && name.toLowerCase(Locale.ROOT).endsWith(".png");
  }

  private static <T> T readIfPresent(Path file, Class<T> type) {
    return Files.isRegularFile(file) ? Json.read(file, type) : null;
  }

  private static JsonObject parseObject(Path file) {
    try {
      JsonElement root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
      if (!root.isJsonObject()) {
        throw new UserException(file + " is not a JSON object");
      }
      return root.getAsJsonObject();
    } catch (IOException | JsonParseException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
