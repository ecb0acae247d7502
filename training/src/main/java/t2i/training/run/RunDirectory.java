package t2i.training.run;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import t2i.data.DataException;
import t2i.data.io.Json;

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
      throw new DataException(
          dir + " already exists: pass --resume to continue that run, or choose another --out");
    }
    Files.createDirectories(dir);
    JsonObject root = new JsonObject();
    root.addProperty("kind", kind);
    root.add("config", Json.gson().toJsonTree(config));
    Path tmp = dir.resolve(CONFIG + ".tmp");
    Files.writeString(tmp, Json.gson().toJson(root) + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(CONFIG), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return new RunDirectory(dir, kind);
  }

  /** An existing run of the given kind. */
  public static RunDirectory open(Path dir, String kind) {
    Path file = dir.resolve(CONFIG);
    if (!Files.isRegularFile(file)) {
      throw new DataException(
          dir
              + " is not a t2i run (no "
              + CONFIG
              + "): check the path, or train one with `t2i"
              + " train "
              + kind
              + "`");
    }
    JsonObject root = parse(file);
    String found = root.has("kind") ? root.get("kind").getAsString() : "?";
    if (!found.equals(kind)) {
      throw new DataException(dir + " is a " + found + " run, not a " + kind + " run");
    }
    return new RunDirectory(dir, kind);
  }

  public <T> T config(Class<T> type) {
    Path file = dir.resolve(CONFIG);
    JsonElement config = parse(file).get("config");
    try {
      return Json.gson().fromJson(config, type);
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new DataException(
          file + " does not describe a " + kind + " run: " + cause.getMessage(), e);
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
      throw new DataException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
