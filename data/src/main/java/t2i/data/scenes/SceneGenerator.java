package t2i.data.scenes;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import t2i.data.Split;
import t2i.data.image.Images;
import t2i.error.UserException;

/**
 * Draws scene {@code i} of a split from its own seeded stream, so a scene depends only on the seed,
 * the split and its index. Trainval and validation scenes avoid every held-out emoji and
 * combination; test scenes show at least one.
 */
public final class SceneGenerator {
  /** Draws tried per scene before concluding the emoji cannot make one. */
  static final int MAX_DRAWS = 2_000;

  private final List<SceneClass> classes;
  private final HeldOut heldOut;
  private final List<String> styles;
  private final int size;
  private final long seed;
  private final SceneComposer composer;
  private final SceneCaptioner captioner;
  private final Map<Integer, List<SceneEmoji>> trainPool = new TreeMap<>();
  private final Map<Integer, List<SceneEmoji>> testPool = new TreeMap<>();

  public SceneGenerator(
      List<SceneClass> classes,
      List<SceneEmoji> emoji,
      HeldOut heldOut,
      List<String> styles,
      int size,
      int captionsPerScene,
      long seed) {
    this.classes = List.copyOf(classes);
    this.heldOut = heldOut;
    this.styles = List.copyOf(styles);
    this.size = size;
    this.seed = seed;
    this.composer = new SceneComposer(classes, size);
    this.captioner = new SceneCaptioner(captionsPerScene);
    for (SceneEmoji e : emoji) {
      testPool.computeIfAbsent(e.classId(), c -> new ArrayList<>()).add(e);
      if (!heldOut.emoji().contains(e.key())) {
        trainPool.computeIfAbsent(e.classId(), c -> new ArrayList<>()).add(e);
      }
    }
  }

  public SceneRecord scene(Split split, int index) {
    Random random = new Random(mix(seed, split.ordinal(), index));
    Map<Integer, List<SceneEmoji>> pool = split == Split.TEST ? testPool : trainPool;
    List<Integer> classIds = new ArrayList<>(pool.keySet());
    // The object count is drawn once, so rejections do not skew its distribution.
    int n = objectCount(random);
    for (int draw = 0; draw < MAX_DRAWS; draw++) {
      List<SceneEmoji> chosen = new ArrayList<>();
      int repeats =
          n >= 2 && random.nextDouble() < ScenesDatasetBuilder.REPEAT_PROBABILITY
              ? 2 + random.nextInt(n - 1)
              : 1;
      SceneEmoji first = pick(pool, classIds, random);
      for (int k = 0; k < repeats; k++) {
        chosen.add(first);
      }
      while (chosen.size() < n) {
        chosen.add(pick(pool, classIds, random));
      }
      String style = styles.get(random.nextInt(styles.size()));
      Background background = Background.random(random);
      Optional<SceneComposer.Composed> composed =
          composer.compose(
              chosen,
              style,
              background,
              random,
              objects -> heldOut.touches(objects, classes) == (split == Split.TEST));
      if (composed.isEmpty()) {
        continue;
      }
      List<SceneObject> objects = composed.get().objects();
      List<SceneCaption> captions = captioner.captions(objects, background, random);
      return record(split, index, style, background, composed.get().image(), objects, captions);
    }
    throw new UserException(
        "could not compose "
            + split.fileName()
            + " scene "
            + index
            + " in "
            + MAX_DRAWS
            + " draws: too few emoji for the held-out shares");
  }

  private SceneRecord record(
      Split split,
      int index,
      String style,
      Background background,
      BufferedImage image,
      List<SceneObject> objects,
      List<SceneCaption> captions) {
    List<SceneRecord.Item> items = new ArrayList<>();
    for (SceneObject o : objects) {
      items.add(
          new SceneRecord.Item(
              o.classId(),
              classes.get(o.classId()).name(),
              o.emojiKey(),
              o.box(),
              MaskPng.encode(o.mask(), size)));
    }
    return new SceneRecord(
        String.format("%s-%06d", split.fileName(), index),
        Images.encodePng(image),
        size,
        split,
        style,
        background.name(),
        items,
        captions.stream().map(SceneCaption::text).toList(),
        captions.stream().map(SceneCaption::facts).toList());
  }

  private static SceneEmoji pick(
      Map<Integer, List<SceneEmoji>> pool, List<Integer> classIds, Random random) {
    List<SceneEmoji> members = pool.get(classIds.get(random.nextInt(classIds.size())));
    return members.get(random.nextInt(members.size()));
  }

  private static int objectCount(Random random) {
    double u = random.nextDouble();
    double[] p = ScenesDatasetBuilder.OBJECT_COUNT_PROBABILITIES;
    for (int k = 0; k < p.length; k++) {
      u -= p[k];
      if (u < 0) {
        return k + 1;
      }
    }
    return p.length;
  }

  /** A seed for one scene: SplitMix64 of the three numbers. */
  static long mix(long seed, long split, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + split * 0xBF58476D1CE4E5B9L + index * 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
