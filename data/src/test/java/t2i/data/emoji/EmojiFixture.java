package t2i.data.emoji;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import t2i.data.Progress;
import t2i.data.io.Digests;
import t2i.data.scenes.ScenesDatasetBuilder;
import t2i.data.scenes.ScenesDatasetOptions;

/**
 * Packs the fixture (real entries and images copied from the pinned packages, see
 * fixture/README.md) into tarballs named and laid out as {@code npm pack} writes them, and gives
 * the {@link EmojiSources} with their digests.
 */
public final class EmojiFixture {
  /** Emoji in the fixture, flags excluded: 16 variants in 9 classes. */
  public static final int VARIANTS_WITHOUT_FLAGS = 16;

  public static final int CLASSES_WITHOUT_FLAGS = 9;

  /** Languages beside English whose annotations the fixture carries. */
  public static final List<String> OTHER_LANGUAGES = List.of("zh", "ar");

  private EmojiFixture() {}

  /** The fixture folder: on disk in this module, inside the test-jar for the other modules. */
  public static synchronized Path fixtureDir() {
    URL url = EmojiFixture.class.getResource("fixture/emoji.json");
    try {
      URI uri = url.toURI();
      if (uri.getScheme().equals("jar")) {
        try {
          FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException alreadyOpen) {
          // opened by an earlier call
        }
      }
      return Path.of(uri).getParent();
    } catch (URISyntaxException | IOException e) {
      throw new IllegalStateException("cannot open the emoji fixture at " + url, e);
    }
  }

  /** Writes the four tarballs into {@code dir}; returns sources pinned to their digests. */
  public static EmojiSources writeTarballs(Path dir) throws IOException {
    Path f = fixtureDir();
    Files.createDirectories(dir);
    Map<String, NpmPackage> art = new LinkedHashMap<>();
    for (String style : List.of("google", "twitter")) {
      NpmPackage pinned = EmojiSources.PINNED.art(style);
      Map<String, Path> files = new LinkedHashMap<>();
      files.put("package/emoji.json", f.resolve("emoji.json"));
      try (Stream<Path> images = Files.list(f.resolve("img/" + style + "/64"))) {
        images
            .sorted()
            .forEach(p -> files.put("package/img/" + style + "/64/" + p.getFileName(), p));
      }
      art.put(style, pack(dir, pinned, files));
    }
    Map<String, Path> annotationFiles = new LinkedHashMap<>();
    Map<String, Path> derivedFiles = new LinkedHashMap<>();
    annotationFiles.put(CldrAnnotations.PATH, f.resolve("annotations.json"));
    derivedFiles.put(CldrAnnotations.DERIVED_PATH, f.resolve("annotationsDerived.json"));
    for (String language : OTHER_LANGUAGES) {
      annotationFiles.put(
          CldrAnnotations.path(language), f.resolve("annotations-" + language + ".json"));
      derivedFiles.put(
          CldrAnnotations.derivedPath(language),
          f.resolve("annotationsDerived-" + language + ".json"));
    }
    NpmPackage annotations = pack(dir, EmojiSources.PINNED.annotations(), annotationFiles);
    NpmPackage derived = pack(dir, EmojiSources.PINNED.derivedAnnotations(), derivedFiles);
    return new EmojiSources(art, annotations, derived);
  }

  /**
   * Builds the emoji dataset from the fixture into {@code dir/emoji} (tarballs in {@code
   * dir/tarballs}, as {@code --from}) and returns its folder.
   */
  public static Path buildDataset(Path dir) throws IOException {
    return buildDataset(dir, EmojiDatasetOptions.DEFAULT_LANGUAGES, "emoji");
  }

  /**
   * Builds the emoji dataset with captions in English and every language of {@link
   * #OTHER_LANGUAGES} into {@code dir/emoji-ml} and returns its folder.
   */
  public static Path buildMultilingualDataset(Path dir) throws IOException {
    List<String> languages = new java.util.ArrayList<>(List.of("en"));
    languages.addAll(OTHER_LANGUAGES);
    return buildDataset(dir, languages, "emoji-ml");
  }

  private static Path buildDataset(Path dir, List<String> languages, String name)
      throws IOException {
    Path tarballs = dir.resolve("tarballs");
    EmojiSources sources = writeTarballs(tarballs);
    Path dataset = dir.resolve(name);
    new EmojiDatasetBuilder(
            EmojiDatasetOptions.builder(dataset, dir.resolve("cache"))
                .sources(sources)
                .from(tarballs)
                .languages(languages)
                .build(),
            null)
        .build(Progress.NONE);
    return dataset;
  }

  /**
   * Builds an emoji scenes dataset of {@code scenes} training scenes from the fixture into {@code
   * dir/scenes} (tarballs in {@code dir/scenes-tarballs}) and returns its folder.
   */
  public static Path buildScenesDataset(Path dir, int scenes) throws IOException {
    Path tarballs = dir.resolve("scenes-tarballs");
    EmojiSources sources = writeTarballs(tarballs);
    Path dataset = dir.resolve("scenes");
    new ScenesDatasetBuilder(
            ScenesDatasetOptions.builder(dataset, dir.resolve("scenes-cache"))
                .sources(sources)
                .from(tarballs)
                .scenes(scenes)
                .build())
        .build(Progress.NONE);
    return dataset;
  }

  /** Writes a tarball with {@code files} (path in archive → source) named like {@code like}. */
  public static NpmPackage pack(Path dir, NpmPackage like, Map<String, Path> files)
      throws IOException {
    Path tgz = dir.resolve(like.tarballFileName());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tgz));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, Path> e : files.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(Files.size(e.getValue()));
        tar.putArchiveEntry(entry);
        try (InputStream in = Files.newInputStream(e.getValue())) {
          in.transferTo(tar);
        }
        tar.closeArchiveEntry();
      }
    }
    return new NpmPackage(like.name(), like.version(), Digests.sha512Base64(tgz), like.license());
  }

  /** An npm stand-in that copies tarballs from a folder, counting its calls. */
  public static final class CopyingNpm implements NpmClient {
    private final Path from;
    public int calls;

    public CopyingNpm(Path from) {
      this.from = from;
    }

    @Override
    public void pack(NpmPackage pkg, Path destination) {
      calls++;
      try {
        Files.copy(from.resolve(pkg.tarballFileName()), destination.resolve(pkg.tarballFileName()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
