package t2i.data.scenes;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.data.DatasetManifest.SourceEntry;
import t2i.data.Progress;
import t2i.data.ShardedDatasetWriter;
import t2i.data.Split;
import t2i.data.emoji.CldrAnnotations;
import t2i.data.emoji.EmojiCatalog;
import t2i.data.emoji.EmojiVariant;
import t2i.data.emoji.NpmPackage;
import t2i.data.emoji.PackageCache;
import t2i.data.emoji.Tarball;
import t2i.data.image.Images;
import t2i.data.io.Json;
import t2i.error.UserException;

/**
 * Builds the emoji scenes dataset (LAYOUT_SPEC §7) from the pinned emoji packages already in the
 * cache: never downloads. Deterministic from the seed. In the manifest a class's and a concept's
 * record counts are object counts; {@code scenes.json} beside it lists the classes, their emoji and
 * what test holds out.
 */
public final class ScenesDatasetBuilder {
  /** Object counts 1..4 of a scene are drawn with these probabilities. */
  static final double[] OBJECT_COUNT_PROBABILITIES = {0.10, 0.35, 0.35, 0.20};

  /** Share of scenes of two or more objects that repeat one emoji. */
  static final double REPEAT_PROBABILITY = 0.3;

  public static final String SIDECAR = "scenes.json";

  private final ScenesDatasetOptions options;
  private final List<SceneClass> classes;

  public ScenesDatasetBuilder(ScenesDatasetOptions options) {
    this(options, SceneClass.DEFAULT);
  }

  public ScenesDatasetBuilder(ScenesDatasetOptions options, List<SceneClass> classes) {
    this.options = options;
    this.classes = List.copyOf(classes);
  }

  /** The sidecar: classes with their emoji, and what test holds out. */
  public record Sidecar(
      List<ClassInfo> classes,
      List<String> heldOutCombinations,
      double relationMinOffset,
      List<String> droppedFullTile) {}

  /** One class of the sidecar. */
  public record ClassInfo(
      int id, String name, String placement, double scale, List<EmojiInfo> emoji) {}

  /** One emoji of the sidecar. */
  public record EmojiInfo(String key, String name, boolean heldOut) {}

  public DatasetManifest build(Progress progress) throws IOException {
    try (ShardedDatasetWriter writer =
        ShardedDatasetWriter.create(
            options.out(), options.force(), ShardedDatasetWriter.DEFAULT_RECORDS_PER_SHARD)) {
      PackageCache cache =
          new PackageCache(
              options.cacheDir(),
              options.from(),
              (pkg, dir) -> {
                throw new UserException(
                    pkg.spec()
                        + " is not in the package cache "
                        + options.cacheDir()
                        + ": run `t2i data emoji` once to fetch the emoji packages");
              });
      List<NpmPackage> packages = new ArrayList<>();
      options.styles().forEach(s -> packages.add(options.sources().art(s)));
      packages.add(options.sources().annotations());
      packages.add(options.sources().derivedAnnotations());
      progress.start("verify packages", packages.size());
      Map<NpmPackage, Path> tarballs = new LinkedHashMap<>();
      for (NpmPackage p : packages) {
        tarballs.put(p, cache.resolve(p));
        progress.advance(1);
      }
      progress.finish();

      Path firstArt = tarballs.get(options.sources().art(options.styles().get(0)));
      List<EmojiVariant> candidates =
          SceneEmojiSelection.candidates(
              EmojiCatalog.parse(Tarball.readOne(firstArt, EmojiCatalog.PATH), options.styles()),
              classes,
              options.styles());
      Set<String> wanted = new HashSet<>();
      candidates.forEach(v -> wanted.add(v.image()));
      Map<String, Map<String, byte[]>> images = new LinkedHashMap<>();
      for (String style : options.styles()) {
        progress.start("read " + style + " art", 0);
        String folder = "package/img/" + style + "/64/";
        Map<String, byte[]> byName = new TreeMap<>();
        Tarball.read(
                tarballs.get(options.sources().art(style)),
                p -> p.startsWith(folder) && wanted.contains(p.substring(folder.length())))
            .forEach((path, bytes) -> byName.put(path.substring(folder.length()), bytes));
        images.put(style, byName);
        progress.finish();
      }
      CldrAnnotations cldr =
          CldrAnnotations.parse(
              Tarball.readOne(tarballs.get(options.sources().annotations()), CldrAnnotations.PATH),
              Tarball.readOne(
                  tarballs.get(options.sources().derivedAnnotations()),
                  CldrAnnotations.DERIVED_PATH));
      SceneEmojiSelection.Result selection =
          SceneEmojiSelection.select(candidates, classes, options.styles(), images, cldr);
      List<SceneEmoji> emoji = selection.emoji();
      if (emoji.isEmpty()) {
        throw new UserException(
            "no emoji fit the scene classes: the packages are not the pinned ones");
      }
      HeldOut heldOut =
          HeldOut.choose(
              classes,
              emoji,
              options.heldOutEmoji(),
              options.heldOutCombinations(),
              options.seed());

      SceneGenerator generator =
          new SceneGenerator(
              classes,
              emoji,
              heldOut,
              options.styles(),
              options.size(),
              options.captionsPerScene(),
              options.seed());
      Map<Split, Integer> targets = new LinkedHashMap<>();
      targets.put(Split.TRAINVAL, options.trainvalScenes());
      targets.put(Split.VALIDATION, options.validationScenes());
      targets.put(Split.TEST, options.testScenes());
      for (Map.Entry<Split, Integer> t : targets.entrySet()) {
        progress.start("compose " + t.getKey().fileName() + " scenes", t.getValue());
        for (int i = 0; i < t.getValue(); i++) {
          SceneExampleCodec.write(writer, generator.scene(t.getKey(), i));
          progress.advance(1);
        }
        progress.finish();
      }

      Json.write(writer.stagingDirectory().resolve(SIDECAR), sidecar(emoji, heldOut, selection));
      List<ClassEntry> classEntries = new ArrayList<>();
      for (SceneClass c : classes) {
        classEntries.add(new ClassEntry(classEntries.size(), c.name(), Split.TRAINVAL, 0));
      }
      Map<String, String> opts = new TreeMap<>();
      opts.put("size", Integer.toString(options.size()));
      opts.put("styles", String.join(",", options.styles()));
      opts.put("seed", Long.toString(options.seed()));
      opts.put("heldOutEmoji", Double.toString(options.heldOutEmoji()));
      opts.put("heldOutCombinations", Double.toString(options.heldOutCombinations()));
      opts.put("captionsPerScene", Integer.toString(options.captionsPerScene()));
      opts.put("emoji", Integer.toString(emoji.size()));
      opts.put("droppedFullTile", Integer.toString(selection.droppedFullTile().size()));
      List<SourceEntry> sources = packages.stream().map(NpmPackage::sourceEntry).toList();
      return writer.commit(
          new ShardedDatasetWriter.Description(
              ScenesDatasetOptions.NAME,
              "Emoji scenes: 1-4 emoji ("
                  + String.join(", ", options.styles())
                  + " art) on drawn backgrounds at "
                  + options.size()
                  + "x"
                  + options.size()
                  + ", with boxes, visible masks and templated captions with their facts;"
                  + " test holds out emoji and relation combinations",
              classEntries,
              sources,
              opts));
    }
  }

  private Sidecar sidecar(
      List<SceneEmoji> emoji, HeldOut heldOut, SceneEmojiSelection.Result selection) {
    List<ClassInfo> infos = new ArrayList<>();
    for (int c = 0; c < classes.size(); c++) {
      int id = c;
      List<EmojiInfo> members =
          emoji.stream()
              .filter(e -> e.classId() == id)
              .map(e -> new EmojiInfo(e.key(), e.name(), heldOut.emoji().contains(e.key())))
              .toList();
      SceneClass sc = classes.get(c);
      infos.add(
          new ClassInfo(
              c,
              sc.name(),
              sc.placement().name().toLowerCase(java.util.Locale.ROOT),
              sc.scale(),
              members));
    }
    return new Sidecar(
        infos,
        heldOut.combinations().stream().sorted().toList(),
        Relation.MIN_OFFSET,
        selection.droppedFullTile());
  }

  static byte[] png(BufferedImage image) {
    return Images.encodePng(image);
  }
}
