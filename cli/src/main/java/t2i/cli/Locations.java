package t2i.cli;

import java.nio.file.Path;

/** Default places on disk. */
final class Locations {
  /** Default dataset folder, relative to the working directory (git-ignored in the repository). */
  static final String DEFAULT_EMOJI_DATASET = "datasets/emoji";

  static final String DEFAULT_SCENES_DATASET = "datasets/emoji-scenes";

  static final String DEFAULT_COCO_DATASET = "datasets/coco";

  private Locations() {}

  /**
   * Downloaded packages: {@code $T2I_CACHE}, else {@code $XDG_CACHE_HOME/t2i}, else {@code
   * ~/.cache/t2i}.
   */
  static Path cacheDir() {
    String t2i = System.getenv("T2I_CACHE");
    if (t2i != null && !t2i.isBlank()) {
      return Path.of(t2i);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("t2i");
  }
}
