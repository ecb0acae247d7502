package t2i.training.gan;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import t2i.data.image.ImageGrid;
import t2i.training.ImageGeometry;
import t2i.training.embedding.EmbeddingModel;

/**
 * Samples for free text: each text encoded by the joint embedding's text encoder, then drawn {@code
 * n} times, image {@code j} of every text from the noise of seed {@code seed + j} (so a column
 * shares its z across texts).
 */
public final class TextSamples {
  public static final int COLUMNS = 8;

  private TextSamples() {}

  /**
   * Images row-major {@code [texts × n, side, side, channels]} of the generator's {@link
   * ImageGenerator#imageGeometry()} in (−1, 1), text-major.
   */
  public static float[] draw(
      ImageGenerator generator, EmbeddingModel encoder, List<String> texts, int n, long seed) {
    int zDim = generator.zDim();
    float[] phi = encoder.encodeTexts(texts);
    int e = encoder.dim();
    float[] text = new float[texts.size() * n * e];
    float[] z = new float[texts.size() * n * zDim];
    for (int t = 0; t < texts.size(); t++) {
      for (int j = 0; j < n; j++) {
        int row = t * n + j;
        System.arraycopy(phi, t * e, text, row * e, e);
        System.arraycopy(Noise.forSeed(seed + j, zDim), 0, z, row * zDim, zDim);
      }
    }
    return generator.generate(z, text, texts.size() * n);
  }

  /**
   * The samples as a grid: rows of up to {@value #COLUMNS} images, each text's first row captioned.
   */
  public static BufferedImage grid(
      ImageGenerator generator, EmbeddingModel encoder, List<String> texts, int n, long seed) {
    float[] images = draw(generator, encoder, texts, n, seed);
    ImageGeometry geometry = generator.imageGeometry();
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int t = 0; t < texts.size(); t++) {
      for (int start = 0; start < n; start += COLUMNS) {
        List<BufferedImage> cells = new ArrayList<>();
        for (int j = start; j < Math.min(n, start + COLUMNS); j++) {
          cells.add(geometry.picture(images, t * n + j));
        }
        String caption =
            start == 0 ? texts.get(t) + "  (seeds " + seed + "–" + (seed + n - 1) + ")" : "";
        rows.add(new ImageGrid.Row(cells, caption));
      }
    }
    return ImageGrid.draw(rows, 1);
  }
}
