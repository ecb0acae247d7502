package t2i.data.emoji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.error.UserException;

class EmojiDatasetBuilderTest {
  @TempDir Path dir;
  Path tarballs;
  EmojiSources sources;

  @BeforeEach
  void packFixture() throws IOException {
    tarballs = dir.resolve("tarballs");
    sources = EmojiFixture.writeTarballs(tarballs);
  }

  /** Options reading the fixture tarballs (as --from) with their digests. */
  EmojiDatasetOptions.Builder options(String name) {
    return EmojiDatasetOptions.builder(dir.resolve(name), dir.resolve("cache"))
        .sources(sources)
        .from(tarballs);
  }

  @Test
  void buildsOneRecordPerVariantAndStyleWithFlagsExcluded() throws IOException {
    DatasetManifest m = new EmojiDatasetBuilder(options("ds").build(), null).build(Progress.NONE);
    assertEquals(2 * EmojiFixture.VARIANTS_WITHOUT_FLAGS, m.records());
    assertEquals(EmojiFixture.CLASSES_WITHOUT_FLAGS, m.classes().size());
    assertEquals(Map.of("google", 16, "twitter", 16), m.recordsPerStyle());
    assertTrue(m.classes().stream().noneMatch(c -> c.name().equals("country-flag")));
    assertTrue(m.captions().min() >= 5);
    assertEquals(4, m.sources().size());
    assertTrue(Files.readString(dir.resolve("ds/ATTRIBUTION.md")).contains("CC-BY 4.0"));

    Dataset ds = Dataset.open(dir.resolve("ds"));
    Set<String> keysAndStyles = new HashSet<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : ds.read(split)) {
        keysAndStyles.add(r.key() + "/" + r.style());
        assertEquals(split, r.split());
        assertEquals(m.classes().get(r.classId()).name(), r.className());
        assertEquals(split, m.classes().get(r.classId()).split());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.png()));
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());
        assertFalse(image.getColorModel().hasAlpha(), "stored images are RGB");
        assertEquals(0xFFFFFF, image.getRGB(0, 0) & 0xFFFFFF, r.key() + " corner is not white");
      }
    }
    assertEquals(32, keysAndStyles.size());
    assertTrue(keysAndStyles.contains("1F44B-1F3FC/twitter"));
  }

  @Test
  void aConceptIsOneEmojiWithItsSkinTonesAndBothStylesAndLiesInOneSplit() throws IOException {
    DatasetManifest m = new EmojiDatasetBuilder(options("c").build(), null).build(Progress.NONE);
    Dataset ds = Dataset.open(dir.resolve("c"));
    Map<String, Set<String>> keysOfConcept = new LinkedHashMap<>();
    Map<String, Set<String>> stylesOfConcept = new LinkedHashMap<>();
    Map<String, Set<Split>> splitsOfConcept = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : ds.read(split)) {
        keysOfConcept.computeIfAbsent(r.concept(), k -> new HashSet<>()).add(r.key());
        stylesOfConcept.computeIfAbsent(r.concept(), k -> new HashSet<>()).add(r.style());
        splitsOfConcept.computeIfAbsent(r.concept(), k -> new HashSet<>()).add(split);
      }
    }
    Set<String> wavingHand = keysOfConcept.get("1F44B");
    assertTrue(wavingHand.contains("1F44B"), "the base emoji is its own concept's");
    assertTrue(wavingHand.contains("1F44B-1F3FC"), "a skin tone joins its base emoji");
    assertTrue(wavingHand.size() > 1);
    for (String key : wavingHand) {
      assertTrue(key.startsWith("1F44B"), key);
    }
    assertEquals(Set.of("google", "twitter"), stylesOfConcept.get("1F44B"));
    for (var e : splitsOfConcept.entrySet()) {
      assertEquals(1, e.getValue().size(), "concept " + e.getKey() + " spans the split");
    }
    assertEquals(keysOfConcept.size(), m.concepts().size());
    assertTrue(m.concepts().size() < EmojiFixture.VARIANTS_WITHOUT_FLAGS);
    for (DatasetManifest.ConceptEntry c : m.concepts()) {
      assertEquals(2 * keysOfConcept.get(c.key()).size(), c.records(), c.key());
      assertEquals(splitsOfConcept.get(c.key()), Set.of(m.splitOf(c)));
    }
  }

  @Test
  void captionsInSeveralLanguagesAreTaggedAndCountedAndEnglishIsUnchanged() throws IOException {
    new EmojiDatasetBuilder(options("en").build(), null).build(Progress.NONE);
    DatasetManifest m =
        new EmojiDatasetBuilder(
                options("ml").languages(List.of("en", "zh", "ar")).captionsPerLanguage(3).build(),
                null)
            .build(Progress.NONE);
    Map<String, List<String>> english = new LinkedHashMap<>();
    for (Split split : Split.values()) {
      for (TextImageRecord r : Dataset.open(dir.resolve("en")).read(split)) {
        english.put(r.key() + "/" + r.style(), r.captions());
        assertEquals(Set.of("en"), Set.copyOf(r.captionLanguages()));
      }
    }
    long zh = 0;
    for (Split split : Split.values()) {
      for (TextImageRecord r : Dataset.open(dir.resolve("ml")).read(split)) {
        assertEquals(english.get(r.key() + "/" + r.style()), r.captionsIn("en"), r.key());
        assertEquals(Set.of("en", "zh", "ar"), Set.copyOf(r.captionLanguages()), r.key());
        List<String> chinese = r.captionsIn("zh");
        assertTrue(chinese.size() >= 1 && chinese.size() <= 3, chinese.toString());
        assertTrue(
            chinese.stream().allMatch(c -> c.codePoints().anyMatch(cp -> cp >= 0x4E00)),
            "Chinese captions are in Han characters: " + chinese);
        assertTrue(
            r.captionsIn("ar").stream().allMatch(c -> c.codePoints().anyMatch(cp -> cp >= 0x600)),
            r.captionsIn("ar").toString());
        zh += chinese.size();
        if (r.key().equals("2764-FE0F")) {
          assertEquals("红心", chinese.get(0), "the CLDR name comes first");
        }
      }
    }
    Map<String, Long> perLanguage = m.captions().languages();
    assertEquals(Set.of("en", "zh", "ar"), perLanguage.keySet());
    assertEquals(zh, perLanguage.get("zh"));
    assertEquals(
        m.captions().total(), perLanguage.values().stream().mapToLong(Long::longValue).sum());
    assertEquals("en,zh,ar", m.options().get("languages"));
    String info = t2i.data.DatasetSummary.of(Dataset.open(dir.resolve("ml"))).format();
    assertTrue(info.contains("languages     3: ar "), info);
    String englishInfo = t2i.data.DatasetSummary.of(Dataset.open(dir.resolve("en"))).format();
    assertFalse(englishInfo.contains("languages"), englishInfo);
  }

  @Test
  void unknownLanguagesAreRefusedNamingTheKnownOnesAndLeaveNoDataset() {
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                new EmojiDatasetBuilder(options("xx").languages(List.of("en", "xx")).build(), null)
                    .build(Progress.NONE));
    assertEquals("unknown language 'xx': the CLDR annotations have ar, en, zh", e.getMessage());
    assertNoDatasetLeft("xx");
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class, () -> options("b").languages(List.of("EN!")).build());
    assertTrue(bad.getMessage().contains("'EN!' is not a language code"), bad.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> options("b").languages(List.of("en", "en")).build());
  }

  @Test
  void flagsAreIncludedOnRequest() throws IOException {
    EmojiDatasetOptions o = options("flags").includeFlags(true).build();
    DatasetManifest m = new EmojiDatasetBuilder(o, null).build(Progress.NONE);
    assertEquals(34, m.records());
    assertTrue(m.classes().stream().anyMatch(c -> c.name().equals("country-flag")));
  }

  @Test
  void sameOptionsGiveByteIdenticalShards() throws IOException {
    DatasetManifest a = new EmojiDatasetBuilder(options("a").build(), null).build(Progress.NONE);
    DatasetManifest b = new EmojiDatasetBuilder(options("b").build(), null).build(Progress.NONE);
    assertEquals(a.shards(), b.shards());
  }

  @Test
  void oneStyleOnly() throws IOException {
    DatasetManifest m =
        new EmojiDatasetBuilder(options("g").styles(List.of("google")).build(), null)
            .build(Progress.NONE);
    assertEquals(Map.of("google", 16), m.recordsPerStyle());
  }

  @Test
  void downloadsOnceThenUsesTheVerifiedCache() throws IOException {
    EmojiFixture.CopyingNpm npm = new EmojiFixture.CopyingNpm(tarballs);
    new EmojiDatasetBuilder(options("one").from(null).build(), npm).build(Progress.NONE);
    assertEquals(4, npm.calls);
    new EmojiDatasetBuilder(options("two").from(null).build(), npm).build(Progress.NONE);
    assertEquals(4, npm.calls, "a verified cached copy was downloaded again");
    // A damaged cached copy is replaced by a fresh download.
    Path cached = dir.resolve("cache").resolve(sources.annotations().tarballFileName());
    Files.write(cached, new byte[] {1, 2, 3});
    new EmojiDatasetBuilder(options("three").from(null).build(), npm).build(Progress.NONE);
    assertEquals(5, npm.calls);
  }

  @Test
  void digestMismatchFailsNamingTheFileAndLeavesNoDataset() {
    NpmPackage wrong =
        new NpmPackage(
            sources.annotations().name(),
            sources.annotations().version(),
            "AAAA" + sources.annotations().integrity().substring(4),
            "x");
    EmojiSources bad = new EmojiSources(sources.artByStyle(), wrong, sources.derivedAnnotations());
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                new EmojiDatasetBuilder(options("bad").sources(bad).build(), null)
                    .build(Progress.NONE));
    assertTrue(e.getMessage().contains("cldr-annotations-full-48.2.0.tgz"), e.getMessage());
    assertTrue(e.getMessage().contains("SHA-512"), e.getMessage());
    assertNoDatasetLeft("bad");
  }

  @Test
  void corruptPngFailsNamingTheImageAndLeavesNoDataset() throws IOException {
    Path f = EmojiFixture.fixtureDir();
    Path corrupt = dir.resolve("1f680.png");
    byte[] png = Files.readAllBytes(f.resolve("img/twitter/64/1f680.png"));
    Files.write(corrupt, Arrays.copyOf(png, 40));
    Map<String, Path> files = new LinkedHashMap<>();
    files.put("package/emoji.json", f.resolve("emoji.json"));
    try (Stream<Path> images = Files.list(f.resolve("img/twitter/64"))) {
      images
          .sorted()
          .forEach(
              p ->
                  files.put(
                      "package/img/twitter/64/" + p.getFileName(),
                      p.getFileName().toString().equals("1f680.png") ? corrupt : p));
    }
    NpmPackage twitter = EmojiFixture.pack(tarballs, EmojiSources.PINNED.art("twitter"), files);
    Map<String, NpmPackage> art = new LinkedHashMap<>(sources.artByStyle());
    art.put("twitter", twitter);
    EmojiSources withCorrupt =
        new EmojiSources(art, sources.annotations(), sources.derivedAnnotations());
    UserException e =
        assertThrows(
            UserException.class,
            () ->
                new EmojiDatasetBuilder(options("corrupt").sources(withCorrupt).build(), null)
                    .build(Progress.NONE));
    assertTrue(e.getMessage().contains("1f680.png"), e.getMessage());
    assertNoDatasetLeft("corrupt");
  }

  @Test
  void missingTarballInFromFolderSaysHowToFetchIt() throws IOException {
    Files.delete(tarballs.resolve(sources.derivedAnnotations().tarballFileName()));
    UserException e =
        assertThrows(
            UserException.class,
            () -> new EmojiDatasetBuilder(options("x").build(), null).build(Progress.NONE));
    assertTrue(
        e.getMessage().contains("npm pack cldr-annotations-derived-full@48.2.0"), e.getMessage());
  }

  @Test
  void unknownOrUnlicensedStyleIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> options("x").styles(List.of("apple")).build());
    assertTrue(e.getMessage().contains("not openly licensed"), e.getMessage());
  }

  private void assertNoDatasetLeft(String name) {
    assertFalse(Files.exists(dir.resolve(name)), "half-written dataset at " + name);
    try (Stream<Path> files = Files.list(dir)) {
      assertTrue(
          files.noneMatch(p -> p.getFileName().toString().contains(".partial-")),
          "staging folder left behind");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
