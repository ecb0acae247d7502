package t2i.training.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import t2i.data.Split;
import t2i.data.image.Images;
import t2i.data.scenes.Box;
import t2i.data.scenes.CaptionFacts;
import t2i.data.scenes.MaskPng;
import t2i.data.scenes.SceneRecord;
import t2i.training.scenejudge.SceneJudge;

/**
 * The scene metrics on hand-made scenes (a red thing left of a blue thing on a meadow) with a judge
 * that names a box's class by its colour: every figure can be worked out by hand.
 */
class SceneMetricsTest {
  static final int SIDE = 32;
  static final Box LEFT = new Box(0.125, 0.25, 0.25, 0.25); // pixels 4..11 across, 8..15 down
  static final Box RIGHT = new Box(0.625, 0.5, 0.25, 0.25); // pixels 20..27 across, 16..23 down
  static final Color MEADOW = new Color(40, 160, 40);
  static final String NAMED = "a red thing to the left of a blue thing on a meadow";
  static final String UNNAMED = "a blue thing to the right of a red thing";

  /** Red is class 0 (emoji "R"), blue class 1 (emoji "B"); green backgrounds are meadows. */
  static final class ColourJudge implements SceneJudge {
    @Override
    public List<String> classNames() {
      return List.of("red thing", "blue thing");
    }

    @Override
    public List<String> emojiKeys() {
      return List.of("B", "R");
    }

    @Override
    public List<String> backgrounds() {
      return List.of("meadow", "plain white");
    }

    @Override
    public ObjectScores objects(float[] images, int side, List<List<Box>> boxes) {
      List<float[]> classes = new ArrayList<>();
      for (int i = 0; i < boxes.size(); i++) {
        for (Box b : boxes.get(i)) {
          float[] mean = mean(images, i, side, b, true);
          classes.add(mean[0] > mean[2] ? new float[] {1, 0} : new float[] {0, 1});
        }
      }
      int n = classes.size();
      float[] c = new float[n * 2];
      float[] e = new float[n * 2];
      for (int j = 0; j < n; j++) {
        c[2 * j] = classes.get(j)[0];
        c[2 * j + 1] = classes.get(j)[1];
        e[2 * j] = classes.get(j)[1]; // "B"
        e[2 * j + 1] = classes.get(j)[0]; // "R"
      }
      return new ObjectScores(n, c, e);
    }

    @Override
    public float[] backgrounds(float[] images, int side, List<List<Box>> boxes) {
      float[] out = new float[boxes.size() * 2];
      for (int i = 0; i < boxes.size(); i++) {
        float red = 0;
        int count = 0;
        for (int y = 0; y < side; y++) {
          for (int x = 0; x < side; x++) {
            if (!inAny(boxes.get(i), x, y, side)) {
              red += images[((i * side + y) * side + x) * 3];
              count++;
            }
          }
        }
        out[2 * i + (red / count < 0 ? 0 : 1)] = 1;
      }
      return out;
    }

    /** Mean RGB over the pixels whose centres lie in the box (or outside every box). */
    static float[] mean(float[] images, int i, int side, Box b, boolean inside) {
      float[] sum = new float[3];
      int count = 0;
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          if (inAny(List.of(b), x, y, side) == inside) {
            for (int k = 0; k < 3; k++) {
              sum[k] += images[((i * side + y) * side + x) * 3 + k];
            }
            count++;
          }
        }
      }
      for (int k = 0; k < 3; k++) {
        sum[k] /= count;
      }
      return sum;
    }

    static boolean inAny(List<Box> boxes, int x, int y, int side) {
      double u = (x + 0.5) / side;
      double v = (y + 0.5) / side;
      return boxes.stream()
          .anyMatch(b -> u >= b.x() && u < b.x() + b.w() && v >= b.y() && v < b.y() + b.h());
    }
  }

  static BufferedImage draw(Color background, Color left, Color right) {
    BufferedImage img = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, SIDE, SIDE);
    g.setColor(left);
    g.fillRect(4, 8, 8, 8);
    g.setColor(right);
    g.fillRect(20, 16, 8, 8);
    g.dispose();
    return img;
  }

  static float[] pixels(BufferedImage... images) {
    float[] out = new float[images.length * SIDE * SIDE * 3];
    for (int i = 0; i < images.length; i++) {
      byte[] rgb = Images.rgbBytes(images[i]);
      for (int p = 0; p < rgb.length; p++) {
        out[i * rgb.length + p] = (rgb[p] & 0xff) / 127.5f - 1f;
      }
    }
    return out;
  }

  /** Scene {@code key}: red at LEFT, blue at RIGHT, on a meadow; its caption names the meadow. */
  static SceneRecord scene(String key, String caption, boolean named) {
    byte[] mask = MaskPng.encode(new boolean[SIDE * SIDE], SIDE);
    List<SceneRecord.Item> objects =
        List.of(
            new SceneRecord.Item(0, "red thing", "R", LEFT, mask),
            new SceneRecord.Item(1, "blue thing", "B", RIGHT, mask));
    CaptionFacts facts =
        new CaptionFacts(
            "relation",
            List.of(0, 1),
            List.of(new CaptionFacts.RelationFact(0, "left of", 1)),
            List.of(),
            List.of(new CaptionFacts.PositionFact(0, "left")),
            named ? "meadow" : null);
    return new SceneRecord(
        key,
        Images.encodePng(draw(MEADOW, Color.RED, Color.BLUE)),
        SIDE,
        Split.TEST,
        "google",
        "meadow",
        objects,
        List.of(caption),
        List.of(facts));
  }

  static final List<SceneRecord> SCENES =
      List.of(scene("a", NAMED, true), scene("b", UNNAMED, false));
  static final List<String> CAPTIONS = List.of(NAMED, UNNAMED);

  static SceneMetrics metrics() {
    return new SceneMetrics(new ColourJudge(), null, SCENES, new float[0], 1, Set.of("B"), 0);
  }

  static List<LayoutObject> layout(int leftClass, int rightClass) {
    return List.of(new LayoutObject(leftClass, LEFT), new LayoutObject(rightClass, RIGHT));
  }

  @Test
  void realImagesScoreTheCeilingOfEveryFigure() {
    SceneMetrics.Row r = metrics().score(SceneMetrics.real(SCENES, CAPTIONS));
    assertEquals(SceneMetrics.REAL, r.condition());
    assertEquals(4, r.objects());
    assertEquals(1.0, r.classTop1());
    assertEquals(4, r.emojiObjects());
    assertEquals(1.0, r.emojiTop1());
    assertEquals(2, r.heldOutObjects(), "the blue things");
    assertEquals(1.0, r.heldOutClassTop1());
    assertEquals(1.0, r.heldOutEmojiTop1());
    assertEquals(2, r.backgroundImages());
    assertEquals(1.0, r.backgroundTop1());
    assertEquals(1, r.backgroundNamedImages());
    assertEquals(1.0, r.backgroundNamedTop1());
    BoxEvaluation.Group g = r.captionFacts();
    assertEquals(2, g.pairs());
    assertEquals(1.0, g.f1());
    assertEquals(1.0, g.recall());
    assertEquals(2, g.relations());
    assertEquals(1.0, g.relationAccuracy());
    assertEquals(1.0, g.positionAccuracy());
    assertNull(r.rPrecision());
    assertNull(r.frechet());
  }

  @Test
  void anImageDrawnWithTheObjectsSwappedLosesTheRelationButNotTheObjects() {
    // the generator drew blue at the left box and red at the right one, as its layout said
    float[] images =
        pixels(draw(MEADOW, Color.BLUE, Color.RED), draw(MEADOW, Color.BLUE, Color.RED));
    RenderedScenes swapped =
        new RenderedScenes("swapped", SIDE, images, List.of(layout(1, 0), layout(1, 0)), CAPTIONS);
    SceneMetrics.Row r = metrics().score(swapped);
    assertEquals(1.0, r.classTop1(), "each box shows its layout's class");
    assertEquals(0, r.emojiObjects(), "not the scene's own layout: emoji unknown");
    assertNull(r.emojiTop1());
    assertEquals(0, r.heldOutObjects());
    assertEquals(1.0, r.captionFacts().f1(), "the right objects are there");
    assertEquals(0.0, r.captionFacts().relationAccuracy(), "but red is right of blue");
    assertEquals(0.0, r.captionFacts().positionAccuracy(), "and red is not on the left");
  }

  @Test
  void anImageThatDrawsTheWrongObjectOrPlaceIsCaughtByTheJudge() {
    // the scene's own layout, but the right box painted red and the background white
    float[] images =
        pixels(draw(MEADOW, Color.RED, Color.RED), draw(Color.WHITE, Color.RED, Color.BLUE));
    RenderedScenes wrong =
        new RenderedScenes("wrong", SIDE, images, List.of(layout(0, 1), layout(0, 1)), CAPTIONS);
    SceneMetrics.Row r = metrics().score(wrong);
    assertEquals(0.75, r.classTop1());
    assertEquals(4, r.emojiObjects());
    assertEquals(0.75, r.emojiTop1());
    assertEquals(0.5, r.heldOutClassTop1(), "scene a's blue thing was painted red");
    assertEquals(0.5, r.backgroundTop1());
    assertEquals(1.0, r.backgroundNamedTop1(), "the named meadow was drawn");
    // scene a parsed as red, red: one of its two objects, its relation lost
    BoxEvaluation.Group g = r.captionFacts();
    assertEquals(0.75, g.recall());
    assertEquals(0.75, g.f1());
    assertEquals(0.5, g.relationAccuracy());
  }

  @Test
  void theRowsMustMatchTheScenesAndTheirCaptions() {
    float[] images =
        pixels(draw(MEADOW, Color.RED, Color.BLUE), draw(MEADOW, Color.RED, Color.BLUE));
    SceneMetrics m = metrics();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            m.score(
                new RenderedScenes(
                    "x",
                    SIDE,
                    images,
                    List.of(layout(0, 1), layout(0, 1)),
                    List.of(NAMED, NAMED))));
    assertThrows(
        IllegalArgumentException.class,
        () -> m.score(new RenderedScenes("x", SIDE, images, List.of(layout(0, 1)), CAPTIONS)));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            m.score(
                new RenderedScenes(
                    "x", 16, images, List.of(layout(0, 1), layout(0, 1)), CAPTIONS)));
  }

  @Test
  void theSameCaptionsAreDrawnForEveryRow() {
    assertEquals(SceneMetrics.captions(SCENES, 3), SceneMetrics.captions(SCENES, 3));
    assertEquals(CAPTIONS, SceneMetrics.captions(SCENES, 3), "one caption each");
  }
}
