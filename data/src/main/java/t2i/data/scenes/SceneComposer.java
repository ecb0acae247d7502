package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Places emoji on a background by their class's placement prior, paints them back to front and
 * keeps the scene only if every object stays at least {@link #MIN_VISIBLE} visible.
 */
public final class SceneComposer {
  /** Least share of its own mask an object must keep visible. */
  public static final double MIN_VISIBLE = 0.7;

  /** Sizes are log-uniform in [scale / SIZE_RANGE, scale * SIZE_RANGE]. */
  public static final double SIZE_RANGE = 1.6;

  /** Placements tried before giving up on a choice of emoji. */
  public static final int ATTEMPTS = 20;

  private final List<SceneClass> classes;
  private final int size;

  public SceneComposer(List<SceneClass> classes, int size) {
    checkArgument(size >= 32, "scene size must be >= 32, was %s", size);
    this.classes = List.copyOf(classes);
    this.size = size;
  }

  /** A painted scene: the image and its objects ordered left to right. */
  public record Composed(BufferedImage image, List<SceneObject> objects) {}

  private record Placed(SceneEmoji emoji, Sprite sprite, int left, int top, double factor) {
    int bottom() {
      return top + sprite.size();
    }
  }

  /** Tries {@link #ATTEMPTS} placements of {@code emoji}; empty if all occlude too much. */
  public Optional<Composed> compose(
      List<SceneEmoji> emoji, String style, Background background, Random random) {
    return compose(emoji, style, background, random, objects -> true);
  }

  /**
   * Tries {@link #ATTEMPTS} placements of {@code emoji}; empty if all occlude too much or fail
   * {@code accept}. Retrying placements rather than emoji keeps the classes' shares even when the
   * test split holds out some of their relations.
   */
  public Optional<Composed> compose(
      List<SceneEmoji> emoji,
      String style,
      Background background,
      Random random,
      Predicate<List<SceneObject>> accept) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Placed> placed = new ArrayList<>();
      for (SceneEmoji e : emoji) {
        placed.add(place(e, style, background, random));
      }
      Optional<Composed> scene = paint(placed, background, random.nextLong(), accept);
      if (scene.isPresent()) {
        return scene;
      }
    }
    return Optional.empty();
  }

  private Placed place(SceneEmoji e, String style, Background background, Random random) {
    SceneClass c = classes.get(e.classId());
    double factor = StrictMath.exp((random.nextDouble() * 2 - 1) * StrictMath.log(SIZE_RANGE));
    int side = (int) Math.round(c.scale() * factor * size);
    side = Math.max(size / 10, Math.min((int) (0.8 * size), side));
    double t = (double) side / size;
    double line = background.groundLine();
    double top =
        switch (c.placement()) {
          case SKY -> uniform(random, 0, Math.max(0, line - t));
          case GROUND, TABLE -> {
            double ground = background.kind() == Background.Kind.UNDERWATER ? 0.84 : line;
            yield uniform(random, ground + 0.02, ground + 0.02 + 0.55 * (1 - ground)) - t;
          }
          case UNDER_WATER -> uniform(random, line, 1 - t);
          case WATER_LINE -> line + uniform(random, 0, 0.1) - t;
          case ANYWHERE -> uniform(random, 0, 1 - t);
        };
    double left = uniform(random, 0, 1 - t);
    int topPx = (int) Math.round(clamp(top, 0, 1 - t) * size);
    int leftPx = (int) Math.round(left * size);
    return new Placed(
        e, e.art().get(style).resize(side), leftPx, Math.min(topPx, size - side), factor);
  }

  private Optional<Composed> paint(
      List<Placed> placed, Background background, long seed, Predicate<List<SceneObject>> accept) {
    // Painter's order: what stands lower on the canvas is nearer and drawn later.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.comparingInt((Integer i) -> placed.get(i).bottom()).thenComparing(i -> i));
    int[] label = new int[size * size];
    Arrays.fill(label, -1);
    int[] full = new int[placed.size()];
    for (int i : order) {
      Placed p = placed.get(i);
      Sprite s = p.sprite();
      for (int y = 0; y < s.size(); y++) {
        for (int x = 0; x < s.size(); x++) {
          if (s.alpha(x, y) >= Sprite.MASK_ALPHA) {
            label[(p.top() + y) * size + p.left() + x] = i;
            full[i]++;
          }
        }
      }
    }
    List<SceneObject> objects = new ArrayList<>();
    for (int i = 0; i < placed.size(); i++) {
      Placed p = placed.get(i);
      int[] b = p.sprite().maskBounds();
      if (b == null) {
        return Optional.empty();
      }
      boolean[] mask = new boolean[size * size];
      int visible = 0;
      for (int o = 0; o < label.length; o++) {
        if (label[o] == i) {
          mask[o] = true;
          visible++;
        }
      }
      if (visible < MIN_VISIBLE * full[i]) {
        return Optional.empty();
      }
      Box box =
          new Box(
              (double) (p.left() + b[0]) / size,
              (double) (p.top() + b[1]) / size,
              (double) (b[2] - b[0]) / size,
              (double) (b[3] - b[1]) / size);
      SceneEmoji e = p.emoji();
      objects.add(new SceneObject(e.classId(), e.key(), e.name(), box, mask, full[i], p.factor()));
    }
    objects.sort(
        Comparator.comparingDouble((SceneObject o) -> o.box().x())
            .thenComparingDouble(o -> o.box().y())
            .thenComparing(SceneObject::emojiKey));
    if (!accept.test(objects)) {
      return Optional.empty();
    }
    return Optional.of(new Composed(composite(placed, order, background, seed), objects));
  }

  private BufferedImage composite(
      List<Placed> placed, List<Integer> order, Background background, long seed) {
    BufferedImage canvas = background.draw(size, new Random(seed));
    float[] rgb = new float[size * size * 3];
    int[] argb = canvas.getRGB(0, 0, size, size, null, 0, size);
    for (int i = 0; i < argb.length; i++) {
      rgb[3 * i] = ((argb[i] >> 16) & 0xFF) / 255f;
      rgb[3 * i + 1] = ((argb[i] >> 8) & 0xFF) / 255f;
      rgb[3 * i + 2] = (argb[i] & 0xFF) / 255f;
    }
    for (int i : order) {
      Placed p = placed.get(i);
      Sprite s = p.sprite();
      for (int y = 0; y < s.size(); y++) {
        for (int x = 0; x < s.size(); x++) {
          float a = s.alpha(x, y);
          if (a > 0) {
            int o = (p.top() + y) * size + p.left() + x;
            for (int c = 0; c < 3; c++) {
              rgb[3 * o + c] = s.channel(x, y, c) + rgb[3 * o + c] * (1 - a);
            }
          }
        }
      }
    }
    for (int i = 0; i < argb.length; i++) {
      argb[i] = (byte8(rgb[3 * i]) << 16) | (byte8(rgb[3 * i + 1]) << 8) | byte8(rgb[3 * i + 2]);
    }
    canvas.setRGB(0, 0, size, size, argb, 0, size);
    return canvas;
  }

  private static int byte8(float v) {
    return Math.max(0, Math.min(255, Math.round(v * 255)));
  }

  private static double uniform(Random random, double from, double to) {
    return to <= from ? from : from + random.nextDouble() * (to - from);
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }
}
