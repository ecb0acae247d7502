package t2i.training.style;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import t2i.data.image.ImageGrid;
import t2i.data.image.QueryImage;
import t2i.training.ImageGeometry;
import t2i.training.Interpolation;
import t2i.training.embedding.EmbeddingModel;
import t2i.training.gan.ImageGenerator;
import t2i.training.gan.Noise;

/** The pictures of the style encoder's section: style transfer and the two interpolations. */
public final class StyleGrids {
  private StyleGrids() {}

  /**
   * s ← S(x), then x̂ ← G(s, φ(t)) for each text: a row per text, the query first.
   *
   * @return the grid and s
   */
  public static BufferedImage transfer(
      ImageGenerator gan,
      EmbeddingModel encoder,
      StyleModel style,
      QueryImage query,
      List<String> texts) {
    float[] s = style.encode(query.pixels(), 1);
    int n = texts.size();
    int zDim = s.length;
    float[] z = new float[n * zDim];
    for (int i = 0; i < n; i++) {
      System.arraycopy(s, 0, z, i * zDim, zDim);
    }
    float[] images = gan.generate(z, encoder.encodeTexts(texts), n);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(
          new ImageGrid.Row(
              List.of(query.image(), gan.imageGeometry().picture(images, i)),
              "query, then its style with \"" + texts.get(i) + "\""));
    }
    return ImageGrid.draw(rows, 1);
  }

  /** Fixed z (one row per seed), the text embedding going from φ(a) to φ(b) in {@code steps}. */
  public static BufferedImage textInterpolation(
      ImageGenerator gan, EmbeddingModel encoder, String a, String b, int steps, List<Long> seeds) {
    float[] phi = encoder.encodeTexts(List.of(a, b));
    int e = encoder.dim();
    float[] texts =
        Interpolation.between(
            Arrays.copyOfRange(phi, 0, e), Arrays.copyOfRange(phi, e, 2 * e), steps);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (long seed : seeds) {
      float[] z = repeat(Noise.forSeed(seed, gan.zDim()), steps);
      rows.add(
          row(
              gan.generate(z, texts, steps),
              gan.imageGeometry(),
              steps,
              "\"" + a + "\" -> \"" + b + "\", seed " + seed));
    }
    return ImageGrid.draw(rows, 1);
  }

  /** Fixed text (one row per text), z going from seed {@code from}'s to seed {@code to}'s. */
  public static BufferedImage noiseInterpolation(
      ImageGenerator gan,
      EmbeddingModel encoder,
      List<String> texts,
      long from,
      long to,
      int steps) {
    float[] z =
        Interpolation.between(
            Noise.forSeed(from, gan.zDim()), Noise.forSeed(to, gan.zDim()), steps);
    float[] phi = encoder.encodeTexts(texts);
    int e = encoder.dim();
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int t = 0; t < texts.size(); t++) {
      float[] text = repeat(Arrays.copyOfRange(phi, t * e, (t + 1) * e), steps);
      rows.add(
          row(
              gan.generate(z, text, steps),
              gan.imageGeometry(),
              steps,
              "\"" + texts.get(t) + "\", z from seed " + from + " to seed " + to));
    }
    return ImageGrid.draw(rows, 1);
  }

  private static ImageGrid.Row row(float[] images, ImageGeometry geometry, int n, String caption) {
    List<BufferedImage> cells = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      cells.add(geometry.picture(images, i));
    }
    return new ImageGrid.Row(cells, caption);
  }

  private static float[] repeat(float[] v, int times) {
    float[] out = new float[v.length * times];
    for (int i = 0; i < times; i++) {
      System.arraycopy(v, 0, out, i * v.length, v.length);
    }
    return out;
  }
}
