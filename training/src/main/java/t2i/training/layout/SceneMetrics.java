package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import t2i.data.image.Images;
import t2i.data.scenes.Box;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.SceneRecord;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.embedding.RPrecision;
import t2i.training.gan.FrechetDistance;
import t2i.training.scenejudge.Crops;
import t2i.training.scenejudge.SceneJudge;

/**
 * LAYOUT_SPEC §8 for images of scenes, one {@link RenderedScenes} at a time, image {@code i} drawn
 * for scene {@code i}: the same code scores real images (the ceiling) and every generator.
 *
 * <ul>
 *   <li>Per-object recognition: the judge's class at each box of the image's layout against the
 *       layout's class; its emoji against the scene's emoji when the layout is the scene's own.
 *   <li>Background: the judge's background of the image with the layout's boxes blanked, against
 *       the scene's; over all images, and over those whose caption names the background (what a
 *       generator was told).
 *   <li>Caption reconstruction: the image parsed into a layout (each box of its layout with the
 *       class the judge names there) scored against the caption's facts as {@link BoxEvaluator}
 *       scores sampled layouts ({@link FactTally}): object recall, F1, relation accuracy beside the
 *       parses of other images and the parse with its boxes shuffled, position accuracy.
 *   <li>With a joint embedding: R-precision of the caption the image was drawn for among {@value
 *       RPrecision#CANDIDATES} captions of other scenes, and the Fréchet distance of the images'
 *       embeddings θ(x) to those of a fixed set of real reference images from scenes not scored.
 * </ul>
 */
public final class SceneMetrics {
  /** The condition name of the real images' row. */
  public static final String REAL = "real images";

  /** Box coordinates closer than this count as the same (layouts may pass through float32). */
  private static final double SAME_BOX = 1e-4;

  /**
   * One condition's figures; a share is null when nothing was counted, the embedding's when no
   * embedding was given.
   *
   * @param objects objects of the images' layouts
   * @param classTop1 share of them whose class the judge names at their box
   * @param emojiObjects objects with a known emoji: those of images drawn from their scene's own
   *     layout, whose emoji the judge's head has
   * @param emojiTop1 share of them whose emoji the judge names
   * @param heldOutObjects of the objects with their scene's own layout, those of emoji the test
   *     split holds out from trainval (no generator trained on them)
   * @param heldOutClassTop1 the class top-1 on them
   * @param heldOutEmojiTop1 the emoji top-1 on those whose emoji the judge's head has
   * @param backgroundImages images whose scene's background the judge's head has
   * @param backgroundTop1 share of them whose background the judge names
   * @param backgroundNamedImages of those, images whose caption names the background
   * @param backgroundNamedTop1 the share on them
   * @param captionFacts the parsed images against the captions' facts
   * @param rPrecision share of images whose caption ranks first among the candidates
   * @param frechet Fréchet distance of the images' θ(x) to the reference images'
   * @param masks the condition's masks against the true masks; null for images drawn without
   */
  public record Row(
      String condition,
      int images,
      int objects,
      Double classTop1,
      int emojiObjects,
      Double emojiTop1,
      int heldOutObjects,
      Double heldOutClassTop1,
      Double heldOutEmojiTop1,
      int backgroundImages,
      Double backgroundTop1,
      int backgroundNamedImages,
      Double backgroundNamedTop1,
      BoxEvaluation.Group captionFacts,
      Double rPrecision,
      Double frechet,
      MaskIou masks) {}

  private final SceneJudge judge;
  private final EmbeddingModel embedding;
  private final List<SceneRecord> scenes;
  private final List<SceneLayout> layouts;
  private final Set<String> heldOutEmoji;
  private final float[] reference;
  private final int referenceCount;
  private final long seed;
  private final Map<String, Integer> emojiIndex = new HashMap<>();
  private final Map<String, Integer> backgroundIndex = new HashMap<>();
  private List<String> texts;
  private float[] textEmbeddings;

  /**
   * @param scenes the scene of each image, in the images' order (a scene may repeat)
   * @param embedding the joint embedding, or null to leave out R-precision and Fréchet distance
   * @param referenceImages real images {@code [m, side, side, 3]} of scenes not scored, the Fréchet
   *     distance's reference (ignored without an embedding)
   * @param heldOutEmoji the emoji the scenes' split holds out from trainval (empty: none)
   * @param seed the R-precision candidates and the caption-reconstruction baselines
   */
  public SceneMetrics(
      SceneJudge judge,
      EmbeddingModel embedding,
      List<SceneRecord> scenes,
      float[] referenceImages,
      int referenceSide,
      Set<String> heldOutEmoji,
      long seed) {
    checkArgument(!scenes.isEmpty(), "no scenes to score");
    this.judge = judge;
    this.embedding = embedding;
    this.scenes = List.copyOf(scenes);
    this.layouts = scenes.stream().map(SceneLayout::of).toList();
    this.heldOutEmoji = Set.copyOf(heldOutEmoji);
    this.seed = seed;
    for (int i = 0; i < judge.emojiKeys().size(); i++) {
      emojiIndex.put(judge.emojiKeys().get(i), i);
    }
    for (int i = 0; i < judge.backgrounds().size(); i++) {
      backgroundIndex.put(judge.backgrounds().get(i), i);
    }
    if (embedding == null) {
      this.reference = null;
      this.referenceCount = 0;
    } else {
      int length = referenceSide * referenceSide * Images.CHANNELS;
      checkArgument(
          referenceImages.length % length == 0 && referenceImages.length / length >= 2,
          "need at least two reference images of %sx%s",
          referenceSide,
          referenceSide);
      this.referenceCount = referenceImages.length / length;
      this.reference =
          embedding.encodePixels(
              forEmbedding(referenceImages, referenceCount, referenceSide), referenceCount);
    }
  }

  /** One caption per scene, drawn from {@code seed}: the captions every row is drawn for. */
  public static List<String> captions(List<SceneRecord> scenes, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return scenes.stream().map(s -> s.captions().get(random.nextInt(s.captions().size()))).toList();
  }

  /** The scenes' images in [−1, 1], row-major {@code [n, side, side, 3]}. */
  public static float[] images(List<SceneRecord> scenes) {
    checkArgument(!scenes.isEmpty(), "no scenes");
    int side = scenes.get(0).size();
    int length = side * side * Images.CHANNELS;
    float[] out = new float[scenes.size() * length];
    for (int i = 0; i < scenes.size(); i++) {
      SceneRecord r = scenes.get(i);
      checkArgument(r.size() == side, "scene %s is %s px, not %s", r.key(), r.size(), side);
      float[] pixels = Crops.pixels(Images.rgbBytes(Images.decodeOnWhite(r.png(), r.key())));
      System.arraycopy(pixels, 0, out, i * length, length);
    }
    return out;
  }

  /** The real-image row's input: the scenes' own images and layouts. */
  public static RenderedScenes real(List<SceneRecord> scenes, List<String> captions) {
    return new RenderedScenes(
        REAL,
        scenes.get(0).size(),
        images(scenes),
        scenes.stream().map(s -> SceneLayout.of(s).objects()).toList(),
        List.copyOf(captions));
  }

  public Row score(RenderedScenes r) {
    int n = scenes.size();
    int side = r.side();
    checkArgument(
        r.layouts().size() == n && r.captions().size() == n,
        "%s: %s layouts and %s captions for %s scenes",
        r.condition(),
        r.layouts().size(),
        r.captions().size(),
        n);
    checkArgument(
        r.images().length == n * side * side * Images.CHANNELS,
        "%s: %s values are not %s images of %sx%sx3",
        r.condition(),
        r.images().length,
        n,
        side,
        side);
    List<List<Box>> boxes =
        r.layouts().stream().map(l -> l.stream().map(LayoutObject::box).toList()).toList();
    SceneJudge.ObjectScores o = judge.objects(r.images(), side, boxes);
    float[] bg = judge.backgrounds(r.images(), side, boxes);
    int classes = judge.classNames().size();
    int emoji = judge.emojiKeys().size();
    int backgrounds = judge.backgrounds().size();

    int objects = 0;
    int classHits = 0;
    int emojiObjects = 0;
    int emojiHits = 0;
    int heldOut = 0;
    int heldOutClassHits = 0;
    int heldOutKnown = 0;
    int heldOutEmojiHits = 0;
    int bgImages = 0;
    int bgHits = 0;
    int namedImages = 0;
    int namedHits = 0;
    List<List<LayoutObject>> parsed = new ArrayList<>(n);
    List<CaptionFacts> facts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      SceneRecord scene = scenes.get(i);
      List<LayoutObject> layout = r.layouts().get(i);
      boolean own = sameLayout(layout, layouts.get(i).objects());
      List<LayoutObject> parse = new ArrayList<>(layout.size());
      for (int j = 0; j < layout.size(); j++, objects++) {
        int predicted = o.topClass(objects, classes);
        parse.add(new LayoutObject(predicted, layout.get(j).box()));
        boolean classHit = predicted == layout.get(j).classId();
        classHits += classHit ? 1 : 0;
        Integer e = own ? emojiIndex.get(scene.objects().get(j).emojiKey()) : null;
        boolean emojiHit = e != null && o.topEmoji(objects, emoji) == e;
        if (e != null) {
          emojiObjects++;
          emojiHits += emojiHit ? 1 : 0;
        }
        if (own && heldOutEmoji.contains(scene.objects().get(j).emojiKey())) {
          heldOut++;
          heldOutClassHits += classHit ? 1 : 0;
          if (e != null) {
            heldOutKnown++;
            heldOutEmojiHits += emojiHit ? 1 : 0;
          }
        }
      }
      parsed.add(List.copyOf(parse));
      int caption = scene.captions().indexOf(r.captions().get(i));
      checkArgument(
          caption >= 0,
          "%s: image %s was drawn for '%s', which is not a caption of scene %s",
          r.condition(),
          i,
          r.captions().get(i),
          scene.key());
      facts.add(scene.facts().get(caption));
      Integer truth = backgroundIndex.get(scene.background());
      if (truth != null) {
        boolean hit = SceneJudge.argMax(bg, i, backgrounds) == truth;
        bgImages++;
        bgHits += hit ? 1 : 0;
        if (facts.get(i).background() != null) {
          namedImages++;
          namedHits += hit ? 1 : 0;
        }
      }
    }

    FactTally tally = new FactTally();
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      int other = n == 1 ? i : (i + 1 + random.nextInt(n - 1)) % n;
      tally.add(layouts.get(i), facts.get(i), parsed.get(i), parsed.get(other), random.split());
    }

    Double rPrecision = null;
    Double frechet = null;
    if (embedding != null) {
      float[] theta = embedding.encodePixels(forEmbedding(r.images(), n, side), n);
      RPrecision.Setup ranking =
          RPrecision.Setup.forChosen(
              scenes.stream().map(SceneRecord::captions).toList(),
              r.captions(),
              new SplittableRandom(seed));
      rPrecision = ranking.score(theta, textEmbeddings(ranking), embedding.dim());
      frechet = FrechetDistance.between(theta, n, reference, referenceCount, embedding.dim());
    }
    return new Row(
        r.condition(),
        n,
        objects,
        ratio(classHits, objects),
        emojiObjects,
        ratio(emojiHits, emojiObjects),
        heldOut,
        ratio(heldOutClassHits, heldOut),
        ratio(heldOutEmojiHits, heldOutKnown),
        bgImages,
        ratio(bgHits, bgImages),
        namedImages,
        ratio(namedHits, namedImages),
        tally.group(),
        rPrecision,
        frechet,
        r.masks());
  }

  /** Candidates per image of the R-precision (null without an embedding). */
  public Integer rPrecisionCandidates() {
    if (embedding == null) {
      return null;
    }
    return RPrecision.Setup.forChosen(
            scenes.stream().map(SceneRecord::captions).toList(),
            captions(scenes, seed),
            new SplittableRandom(seed))
        .candidateCount();
  }

  /** Reference images of the Fréchet distance (0 without an embedding). */
  public int referenceImages() {
    return referenceCount;
  }

  /** φ(t) of every caption of the scenes, in the rows' order (all rankings share them). */
  private float[] textEmbeddings(RPrecision.Setup ranking) {
    if (textEmbeddings == null || !texts.equals(ranking.texts())) {
      texts = ranking.texts();
      textEmbeddings = embedding.encodeTexts(texts);
    }
    return textEmbeddings;
  }

  /** The images at the side the embedding's image encoder takes. */
  private float[] forEmbedding(float[] images, int n, int side) {
    var geometry = embedding.imageGeometry();
    checkArgument(
        geometry.channels() == Images.CHANNELS,
        "the joint embedding takes %s images, not RGB",
        geometry);
    return Crops.resize(images, n, side, geometry.side());
  }

  /** Whether a layout is the scene's own: the same classes at the same boxes, in order. */
  static boolean sameLayout(List<LayoutObject> a, List<LayoutObject> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Box x = a.get(i).box();
      Box y = b.get(i).box();
      if (a.get(i).classId() != b.get(i).classId()
          || Math.abs(x.x() - y.x()) > SAME_BOX
          || Math.abs(x.y() - y.y()) > SAME_BOX
          || Math.abs(x.w() - y.w()) > SAME_BOX
          || Math.abs(x.h() - y.h()) > SAME_BOX) {
        return false;
      }
    }
    return true;
  }

  private static Double ratio(int a, int b) {
    return b == 0 ? null : (double) a / b;
  }
}
