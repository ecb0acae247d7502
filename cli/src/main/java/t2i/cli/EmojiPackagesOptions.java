package t2i.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import t2i.data.emoji.EmojiSources;
import t2i.data.io.Json;

/** Where the emoji packages come from: {@code --from}, {@code --cache}, {@code --sources}. */
final class EmojiPackagesOptions {
  @Option(
      names = "--from",
      paramLabel = "DIR",
      description =
          "Read the package tarballs (as `npm pack` names them) from DIR instead of the cache.")
  Path from;

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Package cache (default: $T2I_CACHE or ~/.cache/t2i).")
  Path cache;

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description =
          "JSON with other package versions and their SHA-512 digests, in the form of the"
              + " manifest's defaults (see README); default: the pinned versions.")
  Path sources;

  Path cacheDir() {
    return cache != null ? cache : Locations.cacheDir();
  }

  EmojiSources sources() {
    return sources != null ? Json.read(sources, EmojiSources.class) : EmojiSources.PINNED;
  }
}
