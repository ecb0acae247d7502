package t2i.data.scenes;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * A scene's background, drawn procedurally from a seed.
 *
 * @param kind the kind of place
 * @param colour for {@link Kind#PLAIN} only, the colour's name; else null
 */
public record Background(Kind kind, String colour) {

  /** The kinds of place, each with its ground line (water line, table edge) and phrases. */
  public enum Kind {
    MEADOW(0.62, List.of("on a meadow", "in a green field"), List.of("a meadow", "a green field")),
    SNOW(0.6, List.of("in the snow", "on a snowy field"), List.of("a snowy field", "a snowy hill")),
    DESERT(0.64, List.of("in the desert", "on the sand dunes"), List.of("a desert", "a dune")),
    NIGHT(0.72, List.of("at night", "under a starry sky"), List.of("a night sky", "a night scene")),
    BEACH(0.55, List.of("on the beach", "by the sea"), List.of("a beach", "a seaside")),
    UNDERWATER(
        0.12,
        List.of("under water", "under the sea"),
        List.of("an underwater scene", "the sea floor")),
    TABLE(0.55, List.of("on a table", "on a wooden table"), List.of("a table", "a wooden table")),
    PLAIN(0.7, List.of("on a plain %s background"), List.of("a plain %s background"));

    private final double groundLine;
    private final List<String> placePhrases;
    private final List<String> scenePhrases;

    Kind(double groundLine, List<String> placePhrases, List<String> scenePhrases) {
      this.groundLine = groundLine;
      this.placePhrases = placePhrases;
      this.scenePhrases = scenePhrases;
    }
  }

  /** Plain colours with their names, light enough for the art to stand out. */
  private static final List<String> COLOUR_NAMES =
      List.of("white", "grey", "yellow", "pink", "blue", "green", "orange", "purple");

  private static final int[] COLOUR_RGB = {
    0xFFFFFF, 0xC8C8C8, 0xFFF3A0, 0xFFC8DC, 0xB4D2FF, 0xC0EEB4, 0xFFD2A0, 0xDCC8FF
  };

  public Background {
    checkArgument(
        (kind == Kind.PLAIN) == (colour != null && COLOUR_NAMES.contains(colour)),
        "background %s with colour %s",
        kind,
        colour);
  }

  /** Every background, kinds first then the plain colours. */
  public static List<Background> all() {
    List<Background> all = new java.util.ArrayList<>();
    for (Kind k : Kind.values()) {
      if (k != Kind.PLAIN) {
        all.add(new Background(k, null));
      }
    }
    COLOUR_NAMES.forEach(c -> all.add(new Background(Kind.PLAIN, c)));
    return all;
  }

  /** A background drawn uniformly over the kinds, then over the colours for a plain one. */
  public static Background random(Random random) {
    Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
    return kind == Kind.PLAIN
        ? new Background(kind, COLOUR_NAMES.get(random.nextInt(COLOUR_NAMES.size())))
        : new Background(kind, null);
  }

  /** {@code meadow}, {@code plain blue}: as stored in records and facts. */
  public String name() {
    return kind == Kind.PLAIN ? "plain " + colour : kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Background parse(String name) {
    for (Background b : all()) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("unknown background '" + name + "'");
  }

  /** The ground line (horizon, water line, table edge) as a fraction of the height from the top. */
  public double groundLine() {
    return kind.groundLine;
  }

  /** Phrases placing things in this background: "in the snow". */
  public List<String> placePhrases() {
    return kind.placePhrases.stream().map(p -> String.format(p, colour)).toList();
  }

  /** Noun phrases for scene-first captions: "a snowy field". */
  public List<String> scenePhrases() {
    return kind.scenePhrases.stream().map(p -> String.format(p, colour)).toList();
  }

  /** Draws the background on a new RGB image of side {@code size}. */
  public BufferedImage draw(int size, Random random) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    int line = (int) Math.round(groundLine() * size);
    switch (kind) {
      case MEADOW -> {
        gradient(image, 0, line, 0x8CC8FF, 0xD2ECFF);
        gradient(image, line, size, 0x6CC04A, 0x3E8E2E);
        speckle(image, line, size, 0x2F7A22, 0.08, random);
      }
      case SNOW -> {
        gradient(image, 0, line, 0xA8B8CC, 0xE4ECF4);
        gradient(image, line, size, 0xFAFCFF, 0xE6EEF6);
        speckle(image, line, size, 0xC8D8EC, 0.06, random);
      }
      case DESERT -> {
        gradient(image, 0, line, 0xFFE6A8, 0xFFF4D6);
        gradient(image, line, size, 0xE8B868, 0xC89048);
        dunes(image, line, 0xD8A458, random);
      }
      case NIGHT -> {
        gradient(image, 0, line, 0x0A1030, 0x283868);
        speckle(image, 0, line, 0xFFFFF0, 0.015, random);
        gradient(image, line, size, 0x1E3020, 0x101C12);
      }
      case BEACH -> {
        int sand = (int) Math.round(0.74 * size);
        gradient(image, 0, line, 0x78C0F0, 0xCFEAFF);
        gradient(image, line, sand, 0x2E86C8, 0x1E64A0);
        gradient(image, sand, size, 0xF4DC9C, 0xE4C47C);
      }
      case UNDERWATER -> {
        gradient(image, 0, line, 0x9ADCF8, 0x7CCCF0);
        gradient(image, line, size, 0x3C9CD8, 0x0E3C78);
        speckle(image, line, size, 0x9CD8F4, 0.01, random);
      }
      case TABLE -> {
        gradient(image, 0, line, 0xF2E6D2, 0xE6D6BC);
        gradient(image, line, size, 0xB07840, 0x8A5A2C);
        grain(image, line, size, 0x7A4E24, random);
      }
      case PLAIN -> gradient(image, 0, size, rgbOf(colour), rgbOf(colour));
    }
    return image;
  }

  private static int rgbOf(String colour) {
    return COLOUR_RGB[COLOUR_NAMES.indexOf(colour)];
  }

  private static void gradient(BufferedImage image, int from, int to, int top, int bottom) {
    for (int y = from; y < to; y++) {
      double t = to - from <= 1 ? 0 : (double) (y - from) / (to - from - 1);
      int rgb = mix(top, bottom, t);
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, rgb);
      }
    }
  }

  private static void speckle(
      BufferedImage image, int from, int to, int rgb, double density, Random random) {
    for (int y = from; y < to; y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (random.nextDouble() < density) {
          image.setRGB(x, y, rgb);
        }
      }
    }
  }

  private static void dunes(BufferedImage image, int line, int rgb, Random random) {
    int size = image.getWidth();
    double phase = random.nextDouble() * 2 * Math.PI;
    for (int x = 0; x < size; x++) {
      int top = line + (int) Math.round((Math.sin(phase + 6.0 * x / size) + 1) * size / 16.0);
      for (int y = top; y < size; y += 2) {
        image.setRGB(x, y, mix(image.getRGB(x, y), rgb, 0.5));
      }
    }
  }

  private static void grain(BufferedImage image, int from, int to, int rgb, Random random) {
    for (int y = from + 2; y < to; y += 3 + random.nextInt(3)) {
      for (int x = 0; x < image.getWidth(); x++) {
        image.setRGB(x, y, mix(image.getRGB(x, y), rgb, 0.4));
      }
    }
  }

  private static int mix(int a, int b, double t) {
    int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - t) + ((b >> 16) & 0xFF) * t);
    int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - t) + ((b >> 8) & 0xFF) * t);
    int bl = (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
    return (r << 16) | (g << 8) | bl;
  }
}
