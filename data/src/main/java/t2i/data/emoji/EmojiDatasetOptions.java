package t2i.data.emoji;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;

/**
 * How to build the emoji dataset.
 *
 * @param out the dataset folder to create
 * @param styles art styles, at least one of {@code google}, {@code twitter}
 * @param from a folder of already-downloaded tarballs, or null to use the cache and npm
 * @param cacheDir where downloaded tarballs are kept
 * @param includeFlags whether the Flags category (270 emoji whose captions name countries, not what
 *     is drawn) is included; excluded by default
 * @param testFraction fraction of classes held out for zero-shot testing
 * @param splitSeed seed of the class split
 * @param captionsPerRecord English captions per record (at least 5)
 * @param force replace an existing dataset at {@code out}
 * @param sources the pinned packages
 * @param languages the CLDR languages captions are written in (codes of the annotation packages'
 *     folders: {@code en}, {@code zh}, {@code pt-PT}, ...), each caption tagged with its language
 * @param captionsPerLanguage captions per record in each language other than English (from CLDR
 *     alone: the name, the keywords, then keyword subsets)
 */
public record EmojiDatasetOptions(
    Path out,
    List<String> styles,
    Path from,
    Path cacheDir,
    boolean includeFlags,
    double testFraction,
    long splitSeed,
    int captionsPerRecord,
    boolean force,
    EmojiSources sources,
    List<String> languages,
    int captionsPerLanguage) {

  /** The dataset name the manifest records. */
  public static final String NAME = "emoji";

  public static final List<String> DEFAULT_STYLES = List.of("google", "twitter");
  public static final double DEFAULT_TEST_FRACTION = 0.2;
  public static final int DEFAULT_CAPTIONS_PER_RECORD = 10;
  public static final List<String> DEFAULT_LANGUAGES = List.of("en");
  public static final int DEFAULT_CAPTIONS_PER_LANGUAGE = 3;

  /** What a language code looks like: CLDR's folder names ({@code en}, {@code sr-Cyrl-BA}). */
  private static final String LANGUAGE_CODE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*";

  public EmojiDatasetOptions {
    styles = List.copyOf(styles);
    checkArgument(!styles.isEmpty(), "at least one style is needed");
    checkArgument(styles.stream().distinct().count() == styles.size(), "styles repeat: %s", styles);
    styles.forEach(sources::art); // validates the names
    checkArgument(
        testFraction > 0 && testFraction < 1,
        "test fraction must be in (0, 1), was %s",
        testFraction);
    checkArgument(
        captionsPerRecord >= CaptionBuilder.MIN_CAPTIONS,
        "captions per record must be >= %s, was %s",
        CaptionBuilder.MIN_CAPTIONS,
        captionsPerRecord);
    languages = List.copyOf(languages);
    checkArgument(!languages.isEmpty(), "at least one language is needed");
    checkArgument(
        languages.stream().distinct().count() == languages.size(),
        "languages repeat: %s",
        languages);
    for (String language : languages) {
      checkArgument(
          language.matches(LANGUAGE_CODE),
          "'%s' is not a language code (en, zh, pt-PT, ...)",
          language);
    }
    checkArgument(
        captionsPerLanguage >= 1 && captionsPerLanguage <= captionsPerRecord,
        "captions per language must be in [1, %s], was %s",
        captionsPerRecord,
        captionsPerLanguage);
  }

  /** A builder with the defaults, building into {@code out} with the pinned packages. */
  public static Builder builder(Path out, Path cacheDir) {
    return new Builder(out, cacheDir);
  }

  /** Defaults for everything but the output and cache folders. */
  public static final class Builder {
    private final Path out;
    private final Path cacheDir;
    private List<String> styles = DEFAULT_STYLES;
    private Path from;
    private boolean includeFlags;
    private double testFraction = DEFAULT_TEST_FRACTION;
    private long splitSeed;
    private int captionsPerRecord = DEFAULT_CAPTIONS_PER_RECORD;
    private boolean force;
    private EmojiSources sources = EmojiSources.PINNED;
    private List<String> languages = DEFAULT_LANGUAGES;
    private int captionsPerLanguage = DEFAULT_CAPTIONS_PER_LANGUAGE;

    private Builder(Path out, Path cacheDir) {
      this.out = out;
      this.cacheDir = cacheDir;
    }

    public Builder styles(List<String> styles) {
      this.styles = styles;
      return this;
    }

    public Builder from(Path from) {
      this.from = from;
      return this;
    }

    public Builder includeFlags(boolean includeFlags) {
      this.includeFlags = includeFlags;
      return this;
    }

    public Builder testFraction(double testFraction) {
      this.testFraction = testFraction;
      return this;
    }

    public Builder splitSeed(long splitSeed) {
      this.splitSeed = splitSeed;
      return this;
    }

    public Builder captionsPerRecord(int captionsPerRecord) {
      this.captionsPerRecord = captionsPerRecord;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder sources(EmojiSources sources) {
      this.sources = sources;
      return this;
    }

    public Builder languages(List<String> languages) {
      this.languages = languages;
      return this;
    }

    public Builder captionsPerLanguage(int captionsPerLanguage) {
      this.captionsPerLanguage = captionsPerLanguage;
      return this;
    }

    /** Validates and returns the options. */
    public EmojiDatasetOptions build() {
      return new EmojiDatasetOptions(
          out,
          styles,
          from,
          cacheDir,
          includeFlags,
          testFraction,
          splitSeed,
          captionsPerRecord,
          force,
          sources,
          languages,
          captionsPerLanguage);
    }
  }
}
