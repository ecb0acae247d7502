package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import t2i.data.emoji.EmojiSources;

/**
 * How to build the emoji scenes dataset.
 *
 * @param out the dataset folder to create
 * @param size the image side, 64 or 128
 * @param trainvalScenes scenes in trainval
 * @param validationScenes scenes in validation (drawn like trainval)
 * @param testScenes scenes in test (each shows a held-out emoji or combination)
 * @param styles art styles; every scene uses one
 * @param seed seed of the held-out choice and of every scene
 * @param heldOutEmoji share of each class's emoji held out for test
 * @param heldOutCombinations share of (class, relation, class) combinations held out for test
 * @param captionsPerScene captions per scene
 * @param from a folder of the package tarballs, or null for the package cache
 * @param cacheDir the package cache the emoji dataset filled
 * @param force replace an existing dataset at {@code out}
 * @param sources the pinned packages
 */
public record ScenesDatasetOptions(
    Path out,
    int size,
    int trainvalScenes,
    int validationScenes,
    int testScenes,
    List<String> styles,
    long seed,
    double heldOutEmoji,
    double heldOutCombinations,
    int captionsPerScene,
    Path from,
    Path cacheDir,
    boolean force,
    EmojiSources sources) {

  /** The dataset name the manifest records. */
  public static final String NAME = "emoji-scenes";

  public static final int DEFAULT_SIZE = 64;
  public static final int DEFAULT_TRAINVAL_SCENES = 20_000;
  public static final double DEFAULT_HELD_OUT_EMOJI = 0.15;
  public static final double DEFAULT_HELD_OUT_COMBINATIONS = 0.10;
  public static final int DEFAULT_CAPTIONS_PER_SCENE = 5;

  public ScenesDatasetOptions {
    checkArgument(size == 64 || size == 128, "scene size must be 64 or 128, was %s", size);
    checkArgument(
        trainvalScenes > 0 && validationScenes > 0 && testScenes > 0,
        "every split needs scenes: %s trainval, %s validation, %s test",
        trainvalScenes,
        validationScenes,
        testScenes);
    styles = List.copyOf(styles);
    checkArgument(!styles.isEmpty(), "at least one style is needed");
    styles.forEach(sources::art);
    checkArgument(heldOutEmoji > 0 && heldOutEmoji < 1, "held-out emoji share must be in (0, 1)");
    checkArgument(
        heldOutCombinations > 0 && heldOutCombinations < 1,
        "held-out combination share must be in (0, 1)");
    checkArgument(captionsPerScene >= 1, "captions per scene must be >= 1");
  }

  /**
   * Defaults: 64×64, 20,000 trainval, 1,000 validation and 2,000 test scenes, both styles, seed 0.
   */
  public static Builder builder(Path out, Path cacheDir) {
    return new Builder(out, cacheDir);
  }

  /** Defaults for everything but the output and cache folders. */
  public static final class Builder {
    private final Path out;
    private final Path cacheDir;
    private int size = DEFAULT_SIZE;
    private int trainval = DEFAULT_TRAINVAL_SCENES;
    private int validation = DEFAULT_TRAINVAL_SCENES / 20;
    private int test = DEFAULT_TRAINVAL_SCENES / 10;
    private List<String> styles = List.of("google", "twitter");
    private long seed;
    private double heldOutEmoji = DEFAULT_HELD_OUT_EMOJI;
    private double heldOutCombinations = DEFAULT_HELD_OUT_COMBINATIONS;
    private int captions = DEFAULT_CAPTIONS_PER_SCENE;
    private Path from;
    private boolean force;
    private EmojiSources sources = EmojiSources.PINNED;

    private Builder(Path out, Path cacheDir) {
      this.out = out;
      this.cacheDir = cacheDir;
    }

    public Builder size(int size) {
      this.size = size;
      return this;
    }

    /** {@code trainval} scenes, with validation and test in the default ratio 20 : 1 : 2. */
    public Builder scenes(int trainval) {
      this.trainval = trainval;
      this.validation = Math.max(1, trainval / 20);
      this.test = Math.max(1, trainval / 10);
      return this;
    }

    public Builder styles(List<String> styles) {
      this.styles = styles;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder heldOutEmoji(double share) {
      this.heldOutEmoji = share;
      return this;
    }

    public Builder heldOutCombinations(double share) {
      this.heldOutCombinations = share;
      return this;
    }

    public Builder captionsPerScene(int captions) {
      this.captions = captions;
      return this;
    }

    public Builder from(Path from) {
      this.from = from;
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

    public ScenesDatasetOptions build() {
      return new ScenesDatasetOptions(
          out,
          size,
          trainval,
          validation,
          test,
          styles,
          seed,
          heldOutEmoji,
          heldOutCombinations,
          captions,
          from,
          cacheDir,
          force,
          sources);
    }
  }
}
