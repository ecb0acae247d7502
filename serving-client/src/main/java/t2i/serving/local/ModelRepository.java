package t2i.serving.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.ServingException;

/**
 * Every SavedModel under a models folder in TF Serving's layout, {@code DIR/<model>/<version>/}
 * with numeric version folders, loaded at once. The highest version of a model answers requests
 * that name none. Folders whose names are not numbers are ignored, as TF Serving ignores them.
 */
public final class ModelRepository implements AutoCloseable {
  private final Path root;
  private final Map<String, NavigableMap<Long, LoadedModel>> models;

  private ModelRepository(Path root, Map<String, NavigableMap<Long, LoadedModel>> models) {
    this.root = root;
    this.models = models;
  }

  /** Loads every {@code root/<model>/<version>/saved_model.pb}. */
  public static ModelRepository load(Path root) {
    return load(root, name -> true);
  }

  /** Loads the versions of the models whose names pass the filter. */
  public static ModelRepository load(Path root, Predicate<String> models) {
    return load(root, models, 0);
  }

  /**
   * Loads the versions of the models whose names pass the filter, each in a session with {@code
   * threads} intra-op threads (0: TensorFlow's default, see {@link LoadedModel#load(String, long,
   * Path, int)}).
   */
  public static ModelRepository load(Path root, Predicate<String> models, int threads) {
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("no such models folder: " + root);
    }
    Map<String, NavigableMap<Long, LoadedModel>> loaded = new TreeMap<>();
    try {
      for (Path modelDir : list(root)) {
        if (!models.test(modelDir.getFileName().toString())) {
          continue;
        }
        for (Path versionDir : list(modelDir)) {
          Long version = parseVersion(versionDir.getFileName().toString());
          if (version != null && Files.isRegularFile(versionDir.resolve("saved_model.pb"))) {
            String name = modelDir.getFileName().toString();
            LoadedModel m = LoadedModel.load(name, version, versionDir, threads);
            loaded.computeIfAbsent(name, k -> new TreeMap<>()).put(version, m);
          }
        }
      }
    } catch (RuntimeException e) {
      loaded.values().forEach(v -> v.values().forEach(LoadedModel::close));
      throw e;
    }
    if (loaded.isEmpty()) {
      throw new IllegalArgumentException(
          "no SavedModels under "
              + root
              + ": expected "
              + root
              + "/<model>/<version>/saved_model.pb with a numeric version folder");
    }
    loaded.replaceAll((k, v) -> Collections.unmodifiableNavigableMap(v));
    return new ModelRepository(root, Collections.unmodifiableMap(loaded));
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Long parseVersion(String folder) {
    if (folder.isEmpty() || folder.length() > 18 || !folder.chars().allMatch(Character::isDigit)) {
      return null;
    }
    return Long.parseLong(folder);
  }

  public Path root() {
    return root;
  }

  /** Model names and their versions, ascending. */
  public Map<String, List<Long>> versions() {
    Map<String, List<Long>> out = new TreeMap<>();
    models.forEach((name, v) -> out.put(name, List.copyOf(v.keySet())));
    return out;
  }

  /**
   * The loaded version the spec names, or a 404 {@link ServingException} with TF Serving's message
   * ({@code Servable not found for request: Latest(name)}).
   */
  public LoadedModel find(ModelSpec spec) {
    NavigableMap<Long, LoadedModel> versions = models.get(spec.name());
    LoadedModel m = null;
    if (versions != null) {
      m =
          spec.version().isPresent()
              ? versions.get(spec.version().getAsLong())
              : versions.lastEntry().getValue();
    }
    if (m == null) {
      throw ServingException.notFound("Servable not found for request: " + spec.describe());
    }
    return m;
  }

  /** TF Serving's model status: every version (highest first) or the one the spec names. */
  public List<ModelVersionStatus> status(ModelSpec spec) {
    NavigableMap<Long, LoadedModel> versions = models.get(spec.name());
    if (spec.version().isPresent()) {
      long v = spec.version().getAsLong();
      if (versions == null || !versions.containsKey(v)) {
        throw ServingException.notFound("Could not find version " + v + " of model " + spec.name());
      }
      return List.of(new ModelVersionStatus(v, ModelVersionStatus.AVAILABLE));
    }
    if (versions == null) {
      throw ServingException.notFound("Could not find any versions of model " + spec.name());
    }
    List<ModelVersionStatus> out = new ArrayList<>();
    for (long v : versions.descendingKeySet()) {
      out.add(new ModelVersionStatus(v, ModelVersionStatus.AVAILABLE));
    }
    return out;
  }

  /** Closes every model. Callers make sure no request is still running. */
  @Override
  public void close() {
    models.values().forEach(v -> v.values().forEach(LoadedModel::close));
  }
}
