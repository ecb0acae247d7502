package t2i.data.emoji;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import t2i.data.ClassSplit;
import t2i.data.DatasetManifest;
import t2i.data.DatasetManifest.ClassEntry;
import t2i.data.DatasetManifest.SourceEntry;
import t2i.data.Progress;
import t2i.data.ShardedDatasetWriter;
import t2i.data.TextImageRecord;
import t2i.data.emoji.CldrAnnotations.Annotation;
import t2i.data.image.Images;
import t2i.error.UserException;

/**
 * Builds the emoji dataset: one record per (emoji, skin variation, style), the image composited
 * onto white at {@value #IMAGE_SIZE}×{@value #IMAGE_SIZE}, captions from CLDR, class = emoji.json
 * subcategory, a seeded zero-shot class split.
 */
public final class EmojiDatasetBuilder {
  /**
   * The dataset's image side: that of the art the emoji-datasource packages ship in {@code
   * img/<style>/64/}, stored as it is.
   */
  public static final int IMAGE_SIZE = 64;

  public static final String FLAGS_CATEGORY = "Flags";

  private final EmojiDatasetOptions options;
  private final PackageCache packages;

  public EmojiDatasetBuilder(EmojiDatasetOptions options, NpmClient npm) {
    this.options = options;
    this.packages = new PackageCache(options.cacheDir(), options.from(), npm);
  }

  public DatasetManifest build(Progress progress) throws IOException {
    // Fail before any download if the target exists.
    try (ShardedDatasetWriter writer =
        ShardedDatasetWriter.create(
            options.out(), options.force(), ShardedDatasetWriter.DEFAULT_RECORDS_PER_SHARD)) {
      EmojiSources sources = options.sources();
      Map<String, Path> art = new LinkedHashMap<>();
      List<NpmPackage> all = new ArrayList<>();
      for (String style : options.styles()) {
        all.add(sources.art(style));
      }
      all.add(sources.annotations());
      all.add(sources.derivedAnnotations());
      progress.start("fetch and verify packages", all.size());
      Map<NpmPackage, Path> tarballs = new LinkedHashMap<>();
      for (NpmPackage p : all) {
        tarballs.put(p, packages.resolve(p));
        progress.advance(1);
      }
      progress.finish();
      for (String style : options.styles()) {
        art.put(style, tarballs.get(sources.art(style)));
      }

      Path firstArt = art.values().iterator().next();
      List<EmojiVariant> variants =
          EmojiCatalog.parse(Tarball.readOne(firstArt, EmojiCatalog.PATH), options.styles());
      // English always: skin-tone names and the check that every emoji is annotated use it.
      Set<String> loaded = new LinkedHashSet<>(List.of(TextImageRecord.ENGLISH));
      loaded.addAll(options.languages());
      Map<String, CldrAnnotations> cldrByLanguage =
          CldrLanguages.load(
              List.copyOf(loaded),
              tarballs.get(sources.annotations()),
              tarballs.get(sources.derivedAnnotations()));
      CldrAnnotations cldr = cldrByLanguage.get(TextImageRecord.ENGLISH);
      if (!options.includeFlags()) {
        variants = variants.stream().filter(v -> !v.category().equals(FLAGS_CATEGORY)).toList();
      }

      Map<String, Integer> recordsPerClass = new TreeMap<>();
      for (EmojiVariant v : variants) {
        recordsPerClass.merge(v.subcategory(), v.styles().size(), Integer::sum);
      }
      Set<String> classNames = recordsPerClass.keySet();
      ClassSplit split =
          ClassSplit.of(recordsPerClass, options.testFraction(), options.splitSeed());
      Map<String, Integer> classIds = new TreeMap<>();
      List<ClassEntry> classes = new ArrayList<>();
      for (String name : classNames) {
        classIds.put(name, classes.size());
        classes.add(new ClassEntry(classes.size(), name, split.splitOf(name), 0));
      }

      CaptionBuilder captionBuilder = new CaptionBuilder(options.captionsPerRecord());
      Map<EmojiVariant, List<String>> captions = new LinkedHashMap<>();
      Map<EmojiVariant, List<String>> languages = new LinkedHashMap<>();
      for (EmojiVariant v : variants) {
        Annotation a =
            cldr.lookup(v)
                .orElseThrow(
                    () ->
                        new UserException(
                            "no CLDR annotation for "
                                + v.unified()
                                + " ("
                                + v.name()
                                + "): the packages do not match the pinned versions"));
        List<String> tones = v.skinTones().stream().map(cldr::skinToneName).toList();
        List<String> texts = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String language : options.languages()) {
          List<String> inLanguage =
              language.equals(TextImageRecord.ENGLISH)
                  ? captionBuilder.captions(v, a, tones)
                  : CaptionBuilder.inLanguage(
                      v,
                      cldrByLanguage
                          .get(language)
                          .lookup(v)
                          .orElseThrow(
                              () ->
                                  new UserException(
                                      "no CLDR "
                                          + language
                                          + " annotation for "
                                          + v.unified()
                                          + " ("
                                          + v.name()
                                          + ")")),
                      options.captionsPerLanguage());
          texts.addAll(inLanguage);
          tags.addAll(Collections.nCopies(inLanguage.size(), language));
        }
        captions.put(v, texts);
        languages.put(v, tags);
      }

      int missingImages = 0;
      for (String style : options.styles()) {
        String folder = "package/img/" + style + "/" + IMAGE_SIZE + "/";
        progress.start("read " + style + " images", 0);
        Map<String, byte[]> images = Tarball.read(art.get(style), p -> p.startsWith(folder));
        progress.finish();
        progress.start("write " + style + " records", variants.size());
        for (EmojiVariant v : variants) {
          byte[] png = images.get(folder + v.image());
          if (png == null || !v.styles().contains(style)) {
            missingImages++;
            progress.advance(1);
            continue;
          }
          writer.write(record(v, style, png, captions.get(v), languages.get(v), classIds, split));
          progress.advance(1);
        }
        progress.finish();
      }

      writeAttribution(writer.stagingDirectory(), all);
      Map<String, String> opts = new TreeMap<>();
      opts.put("styles", String.join(",", options.styles()));
      opts.put("includeFlags", Boolean.toString(options.includeFlags()));
      opts.put("testFraction", Double.toString(options.testFraction()));
      opts.put("splitSeed", Long.toString(options.splitSeed()));
      opts.put("captionsPerRecord", Integer.toString(options.captionsPerRecord()));
      if (!options.languages().equals(EmojiDatasetOptions.DEFAULT_LANGUAGES)) {
        opts.put("languages", String.join(",", options.languages()));
        opts.put("captionsPerLanguage", Integer.toString(options.captionsPerLanguage()));
      }
      opts.put("variantsWithoutImage", Integer.toString(missingImages));
      List<SourceEntry> sourceEntries = all.stream().map(NpmPackage::sourceEntry).toList();
      return writer.commit(
          new ShardedDatasetWriter.Description(
              EmojiDatasetOptions.NAME,
              "Emoji art ("
                  + String.join(", ", options.styles())
                  + ") at "
                  + IMAGE_SIZE
                  + "x"
                  + IMAGE_SIZE
                  + " with Unicode CLDR descriptions; class = emoji subcategory, concept = base emoji",
              classes,
              sourceEntries,
              opts));
    }
  }

  private static TextImageRecord record(
      EmojiVariant v,
      String style,
      byte[] png,
      List<String> captions,
      List<String> captionLanguages,
      Map<String, Integer> classIds,
      ClassSplit split) {
    String source = v.image() + " (" + style + ")";
    BufferedImage image = Images.decodeOnWhite(png, source);
    if (image.getWidth() != IMAGE_SIZE || image.getHeight() != IMAGE_SIZE) {
      image = Images.resize(image, IMAGE_SIZE, IMAGE_SIZE);
    }
    return new TextImageRecord(
        v.unified(),
        Images.encodePng(image),
        IMAGE_SIZE,
        IMAGE_SIZE,
        captions,
        classIds.get(v.subcategory()),
        v.subcategory(),
        v.concept(),
        style,
        split.splitOf(v.subcategory()),
        captionLanguages);
  }

  private static void writeAttribution(Path dir, List<NpmPackage> packages) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append("# Attribution and licences\n\n")
        .append("This dataset was built by t2i from these npm packages:\n\n");
    for (NpmPackage p : packages) {
      sb.append("- ").append(p.spec()).append(": ").append(p.license()).append('\n');
    }
    sb.append(
        """

        Art:
        - Google Noto Emoji, Copyright Google Inc., Apache License 2.0
          (https://github.com/googlefonts/noto-emoji).
        - Twemoji, Copyright Twitter, Inc. and other contributors, graphics licensed under
          CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/), from
          https://github.com/twitter/twemoji. Images were composited onto white; no other change.
        - Packaged by emoji-datasource (https://github.com/iamcal/emoji-data), MIT licence.

        Descriptions: Unicode CLDR annotations (English), Copyright Unicode, Inc., Unicode
        License v3 (https://www.unicode.org/license.txt).
        """);
    Files.writeString(dir.resolve("ATTRIBUTION.md"), sb, StandardCharsets.UTF_8);
  }
}
