package t2i.training.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.annotations.SerializedName;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import t2i.data.io.AbsentMeans;
import t2i.data.io.Json;
import t2i.error.UserException;

/**
 * A run folder: {@code config.json} ({@code {"kind": ..., "config": {...}}}, the resolved
 * configuration every later command rebuilds from), {@code checkpoints/}, {@code losses.csv},
 * {@code events/} for TensorBoard, and whatever the kind of run adds (samples, evaluations).
 */
public final class RunDirectory {
  public static final String CONFIG = "config.json";

  private final Path dir;
  private final String kind;

  private RunDirectory(Path dir, String kind) {
    this.dir = dir;
    this.kind = kind;
  }

  /** A new run: {@code dir} must not exist or be empty. */
  public static RunDirectory create(Path dir, String kind, Object config) throws IOException {
    if (Files.exists(dir) && !isEmpty(dir)) {
      throw new UserException(
          dir + " already exists: pass --resume to continue that run, or choose another --out");
    }
    Files.createDirectories(dir);
    write(dir, kind, config);
    return new RunDirectory(dir, kind);
  }

  /** Replaces the saved configuration (a resume that changed the learning-rate schedule). */
  public void update(Object config) throws IOException {
    write(dir, kind, config);
  }

  private static void write(Path dir, String kind, Object config) throws IOException {
    JsonObject root = new JsonObject();
    root.addProperty("kind", kind);
    root.add("config", Json.gson().toJsonTree(config));
    Path tmp = dir.resolve(CONFIG + ".tmp");
    Files.writeString(tmp, Json.gson().toJson(root) + "\n", StandardCharsets.UTF_8);
    Files.move(
        tmp,
        dir.resolve(CONFIG),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** An existing run of the given kind. */
  public static RunDirectory open(Path dir, String kind) {
    String found = kindOf(dir, "`t2i train " + kind + "`");
    if (!found.equals(kind)) {
      throw new UserException(dir + " is a " + found + " run, not a " + kind + " run");
    }
    return new RunDirectory(dir, kind);
  }

  /**
   * The kind of an existing run ({@code gan}, {@code boxes}, …).
   *
   * @param trainHint how to make such a run, for the error when {@code dir} is not one
   */
  public static String kindOf(Path dir, String trainHint) {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new UserException(
          dir
              + " is not a t2i run (no "
              + CONFIG
              + "): check the path, or train one with "
              + trainHint);
    }
    JsonObject root = parse(file);
    return root.has("kind") ? root.get("kind").getAsString() : "?";
  }

  /**
   * The run's configuration. Keys must match the record's components exactly, at every level: a
   * missing key would silently become 0 or null (another architecture), an unknown one would be
   * ignored.
   */
  public <T extends Record> T config(Class<T> type) {
    Path file = dir.resolve(CONFIG);
    JsonElement config = parse(file).get("config");
    checkKeys(file, "config", config, type);
    try {
      return Json.gson().fromJson(config, type);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new UserException(
          file + " does not describe a " + kind + " run: " + cause.getMessage(), e);
    }
  }

  private static void checkKeys(Path file, String where, JsonElement json, Class<?> type) {
    if (!type.isRecord()) {
      return;
    }
    if (json == null || !json.isJsonObject()) {
      throw new UserException(file + ": " + where + " is missing or not an object");
    }
    JsonObject object = json.getAsJsonObject();
    fillAbsent(object, type);
    Set<String> expected = new TreeSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      expected.add(c.getName());
    }
    Set<String> found = new TreeSet<>(object.keySet());
    // An absent key of a nullable, non-record field means null (older writers omitted nulls);
    // an absent number, flag or nested config would silently become 0, false or null.
    for (RecordComponent c : type.getRecordComponents()) {
      if (!c.getType().isPrimitive() && !c.getType().isRecord()) {
        found.add(c.getName());
      }
    }
    if (!found.equals(expected)) {
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(found);
      Set<String> unknown = new TreeSet<>(found);
      unknown.removeAll(expected);
      throw new UserException(
          file
              + ": "
              + where
              + (missing.isEmpty() ? "" : " lacks " + missing)
              + (unknown.isEmpty() ? "" : " has unknown keys " + unknown)
              + " (written by another version of t2i?)");
    }
    for (RecordComponent c : type.getRecordComponents()) {
      JsonElement value = object.get(c.getName());
      if (c.getType().isRecord() && value != null && !value.isJsonNull()) {
        checkKeys(file, where + "." + c.getName(), value, c.getType());
      }
      if (c.getType().isEnum() && value != null && value.isJsonPrimitive()) {
        checkEnum(file, where + "." + c.getName(), value.getAsString(), c.getType());
      }
    }
  }

  /** Gson reads a name it does not know as null: say which value, and which ones it could be. */
  private static void checkEnum(Path file, String where, String value, Class<?> type) {
    List<String> names = new ArrayList<>();
    for (Field constant : type.getFields()) {
      if (constant.isEnumConstant()) {
        SerializedName saved = constant.getAnnotation(SerializedName.class);
        names.add(saved != null ? saved.value() : constant.getName());
      }
    }
    if (!names.contains(value)) {
      throw new UserException(
          file + ": " + where + " is '" + value + "', which this version does not know " + names);
    }
  }

  /** Components added since older runs were saved: their {@link AbsentMeans} value, in place. */
  private static void fillAbsent(JsonObject object, Class<?> type) {
    for (RecordComponent c : type.getRecordComponents()) {
      AbsentMeans absent = c.getAnnotation(AbsentMeans.class);
      if (absent != null && !object.has(c.getName())) {
        object.add(c.getName(), JsonParser.parseString(absent.value()));
      }
    }
  }

  public Path dir() {
    return dir;
  }

  public Path resolve(String name) {
    return dir.resolve(name);
  }

  private static JsonObject parse(Path file) {
    try {
      return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8))
          .getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw new UserException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
