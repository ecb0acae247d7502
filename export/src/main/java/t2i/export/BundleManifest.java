package t2i.export;

import com.google.common.hash.Hashing;
import com.google.common.io.MoreFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import t2i.error.UserException;

/**
 * {@code manifest.json} of a model folder kept in the repository ({@code models/}): every other
 * file with its size and SHA-256, so that a clone can tell a complete, unaltered bundle from a
 * partial or edited one, and the size stays within what the repository is meant to carry.
 *
 * @param files paths relative to the folder, with '/' between names, sorted
 */
public record BundleManifest(List<Entry> files) {
  public static final String FILE = "manifest.json";

  /** The most a bundle may hold: every replacement stays in the repository's history. */
  public static final long MAX_BYTES = 80L << 20;

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  /** One file: its path, size in bytes and SHA-256 in hex. */
  public record Entry(String path, long bytes, String sha256) {}

  public BundleManifest {
    files = List.copyOf(files);
  }

  /** The manifest of what {@code dir} holds now. */
  public static BundleManifest of(Path dir) {
    List<Entry> entries = new ArrayList<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path file : all.filter(Files::isRegularFile).sorted().toList()) {
        String relative = dir.relativize(file).toString().replace('\\', '/');
        if (!relative.equals(FILE)) {
          entries.add(
              new Entry(
                  relative,
                  Files.size(file),
                  MoreFiles.asByteSource(file).hash(Hashing.sha256()).toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new BundleManifest(entries);
  }

  public long totalBytes() {
    return files.stream().mapToLong(Entry::bytes).sum();
  }

  /**
   * Writes {@code dir/manifest.json} for what the folder holds; refuses a bundle over the limit.
   */
  public static BundleManifest write(Path dir) throws IOException {
    BundleManifest m = of(dir);
    if (m.totalBytes() > MAX_BYTES) {
      throw new UserException(
          String.format(
              "%s holds %.1f MB, more than the %d MB a bundle may: export fewer models",
              dir, m.totalBytes() / 1048576.0, MAX_BYTES >> 20));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("files", m.files());
    json.put("totalBytes", m.totalBytes());
    Files.writeString(dir.resolve(FILE), GSON.toJson(json) + "\n", StandardCharsets.UTF_8);
    return m;
  }

  /** The manifest saved in {@code dir}. */
  public static BundleManifest read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new UserException("no " + FILE + " in " + dir + " (write it with `t2i bundle DIR`)");
    }
    return GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), BundleManifest.class);
  }

  /**
   * What differs between the saved manifest and the files: missing, changed and unlisted files, one
   * line each; empty when they match.
   */
  public static List<String> differences(Path dir) throws IOException {
    Map<String, Entry> saved = byPath(read(dir));
    Map<String, Entry> found = byPath(of(dir));
    List<String> out = new ArrayList<>();
    for (Entry e : saved.values()) {
      Entry f = found.get(e.path());
      if (f == null) {
        out.add("missing: " + e.path());
      } else if (!f.equals(e)) {
        out.add("changed: " + e.path() + " (" + f.bytes() + " bytes, sha256 " + f.sha256() + ")");
      }
    }
    for (Entry f : found.values()) {
      if (!saved.containsKey(f.path())) {
        out.add("not in the manifest: " + f.path());
      }
    }
    return out;
  }

  private static Map<String, Entry> byPath(BundleManifest m) {
    Map<String, Entry> map = new LinkedHashMap<>();
    for (Entry e : m.files()) {
      map.put(e.path(), e);
    }
    return map;
  }
}
