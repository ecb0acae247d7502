package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import t2i.data.EvenlySpaced;
import t2i.data.Split;
import t2i.data.image.ImageGrid;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.graph.Dcgan;
import t2i.training.ImageGeometry;
import t2i.training.embedding.CaptionEmbeddings;
import t2i.training.gan.Noise;
import t2i.training.gan.SampleListener;
import t2i.training.loop.TrainingListener;

/**
 * The picture to look at for a layout image generator: fixed scenes of a split, one row each, with
 * the true label map, G's images of it and the scene's first caption for a few fixed noise seeds,
 * and the real image; the caption under the row.
 */
public final class LayoutImageSamples {
  /** What draws the images: a trainer or a trained model. */
  public interface Generator {
    LayoutImageTrainingConfig config();

    /**
     * @param layouts masks and labels at the network's side
     * @param text {@code [n, embeddingDim]}
     * @param z {@code [n, zDim]}
     * @return images {@code [n, S, S, 3]} in (−1, 1)
     */
    float[] generate(LayoutImageBatch layouts, float[] text, float[] z);
  }

  private final List<SceneRecord> scenes;
  private final List<String> captions;
  private final float[] text;
  private final int columns;
  private final long seed;
  private final Split split;

  /**
   * @param rows scenes, evenly spaced over the split
   * @param columns noise seeds {@code seed, seed + 1, ...} per scene
   */
  public LayoutImageSamples(
      LayoutImageTrainingConfig config,
      CaptionEmbeddings embeddings,
      Split split,
      int rows,
      int columns,
      long seed) {
    checkArgument(rows >= 1 && columns >= 1, "rows and columns must be >= 1");
    List<SceneRecord> all = SceneDataset.open(Path.of(config.dataset())).read(split);
    LayoutImageTrainer.checkAligned(embeddings, split, all, config.embeddings(), config.dataset());
    int[] indices = EvenlySpaced.indices(all.size(), rows);
    int dim = embeddings.dim();
    this.scenes = new ArrayList<>();
    this.captions = new ArrayList<>();
    this.text = new float[indices.length * columns * dim];
    for (int r = 0; r < indices.length; r++) {
      int index = indices[r];
      SceneRecord scene = all.get(index);
      scenes.add(scene);
      captions.add(scene.captions().get(0));
      float[] t = embeddings.get(split, index, 0);
      for (int c = 0; c < columns; c++) {
        System.arraycopy(t, 0, text, (r * columns + c) * dim, dim);
      }
    }
    this.columns = columns;
    this.seed = seed;
    this.split = split;
  }

  /** Scenes in the grid, one per row. */
  public int rows() {
    return scenes.size();
  }

  /** Rows of label map, G's images (one per seed), real image; the caption under each row. */
  public BufferedImage render(Generator generator) {
    LayoutImageTrainingConfig config = generator.config();
    int side = config.network().imageSize();
    int zDim = config.network().zDim();
    List<SceneRecord> repeated = new ArrayList<>();
    float[] z = new float[scenes.size() * columns * zDim];
    for (int r = 0; r < scenes.size(); r++) {
      for (int c = 0; c < columns; c++) {
        repeated.add(scenes.get(r));
        System.arraycopy(Noise.forSeed(seed + c, zDim), 0, z, (r * columns + c) * zDim, zDim);
      }
    }
    LayoutImageBatch layouts =
        LayoutImageBatch.of(repeated, config.slots(), config.emptyLabel(), side);
    float[] images = generator.generate(layouts, text, z);
    ImageGeometry geometry = new ImageGeometry(side, Dcgan.IMAGE_CHANNELS);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int r = 0; r < scenes.size(); r++) {
      List<BufferedImage> cells = new ArrayList<>();
      cells.add(labelMap(layouts, r * columns, config.slots()));
      for (int c = 0; c < columns; c++) {
        cells.add(geometry.picture(images, r * columns + c));
      }
      cells.add(geometry.picture(layouts.images(), r * columns));
      rows.add(
          new ImageGrid.Row(
              cells, "[" + split.fileName() + "] " + captions.get(r) + "  (label map | G | real)"));
    }
    return ImageGrid.draw(rows, Math.max(1, 128 / side));
  }

  /** Scene {@code i}'s masks, each object in its class's colour on white, by its coverage. */
  static BufferedImage labelMap(LayoutImageBatch b, int i, int slots) {
    int side = b.side();
    int pixels = side * side;
    BufferedImage out = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    for (int p = 0; p < pixels; p++) {
      float best = 0;
      int label = -1;
      for (int t = 0; t < slots; t++) {
        float m = b.masks()[(i * slots + t) * pixels + p];
        if (m > best) {
          best = m;
          label = b.labels()[i * slots + t];
        }
      }
      Color c = label < 0 ? Color.WHITE : LayoutPicture.colourOf(label);
      out.setRGB(p % side, p / side, mix(c, best).getRGB());
    }
    return out;
  }

  private static Color mix(Color c, float share) {
    return new Color(
        Math.round(255 + (c.getRed() - 255) * share),
        Math.round(255 + (c.getGreen() - 255) * share),
        Math.round(255 + (c.getBlue() - 255) * share));
  }

  /**
   * Every {@code every} steps and at the end: the grid of {@code rows} test scenes and {@code
   * columns} seeds, written as the GAN's sample grids are.
   */
  public static TrainingListener listener(
      LayoutImageTrainer trainer, Path runDir, int every, int rows, int columns)
      throws IOException {
    LayoutImageSamples grid =
        new LayoutImageSamples(
            trainer.config(), trainer.embeddings(), Split.TEST, rows, columns, 0);
    return new SampleListener(() -> grid.render(trainer), runDir, every);
  }
}
