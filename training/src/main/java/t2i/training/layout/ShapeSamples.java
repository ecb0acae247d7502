package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import t2i.data.EvenlySpaced;
import t2i.data.Split;
import t2i.data.image.ImageGrid;
import t2i.data.scenes.SceneDataset;
import t2i.data.scenes.SceneRecord;
import t2i.training.gan.SampleListener;

/**
 * The picture to look at for a shape generator: fixed scenes of a split, one row each, with the
 * true visible masks of the scene's layout and the masks drawn for its true boxes with a few fixed
 * seeds; the scene's first caption under the row.
 */
public final class ShapeSamples {
  /** What draws the masks: a trainer or a trained model. */
  public interface Drawer {
    ShapesConfig config();

    /**
     * Masks for the boxes and labels of {@code layouts}, layout {@code i} drawn from {@code
     * seeds[i]} alone: {@code [n, T, side, side]} row-major, in [0, 1].
     */
    float[] masks(SceneTensors layouts, long[] seeds);
  }

  private final List<SceneRecord> scenes = new ArrayList<>();
  private final Split split;
  private final int columns;
  private final long seed;

  /**
   * @param rows scenes, evenly spaced over the split
   * @param columns seeds {@code seed, seed + 1, ...} per scene
   */
  public ShapeSamples(ShapesConfig config, Split split, int rows, int columns, long seed) {
    checkArgument(rows >= 1 && columns >= 1, "rows and columns must be >= 1");
    List<SceneRecord> all = SceneDataset.open(Path.of(config.dataset())).read(split);
    checkArgument(!all.isEmpty(), "%s has no %s scenes", config.dataset(), split.fileName());
    scenes.addAll(EvenlySpaced.of(all, rows));
    this.split = split;
    this.columns = columns;
    this.seed = seed;
  }

  /** Scenes in the grid, one per row. */
  public int rows() {
    return scenes.size();
  }

  /** Rows of the true masks and the drawn ones. */
  public BufferedImage render(Drawer drawer) {
    int scale = Math.max(1, 128 / drawer.config().generator().side());
    List<List<BufferedImage>> cells = maskPictures(drawer, scenes, columns, seed, scale);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int r = 0; r < scenes.size(); r++) {
      rows.add(
          new ImageGrid.Row(
              cells.get(r),
              "["
                  + split.fileName()
                  + "] "
                  + scenes.get(r).captions().get(0)
                  + "  (true masks | drawn masks)"));
    }
    return ImageGrid.draw(rows, 1);
  }

  /**
   * For each scene, its true masks then the masks drawn with seeds {@code seed, seed + 1, ...}
   * ({@code columns} of them), each mask pixel {@code scale} pixels wide.
   */
  public static List<List<BufferedImage>> maskPictures(
      Drawer drawer, List<SceneRecord> scenes, int columns, long seed, int scale) {
    ShapesConfig config = drawer.config();
    int empty = config.emptyLabel();
    SceneTensors layouts = SceneTensors.layoutsOf(scenes, config.generator().slots(), empty);
    List<float[]> drawn = new ArrayList<>();
    for (int j = 0; j < columns; j++) {
      long[] seeds = new long[scenes.size()];
      Arrays.fill(seeds, seed + j);
      drawn.add(drawer.masks(layouts, seeds));
    }
    List<List<BufferedImage>> pictures = new ArrayList<>();
    for (int i = 0; i < scenes.size(); i++) {
      List<BufferedImage> row = new ArrayList<>();
      row.add(MaskPicture.draw(layouts, layouts.masks(), i, empty, scale));
      for (float[] masks : drawn) {
        row.add(MaskPicture.draw(layouts, masks, i, empty, scale));
      }
      pictures.add(row);
    }
    return pictures;
  }

  /**
   * Every {@code every} steps and at the end: the grid of {@code rows} test scenes and {@code
   * columns} seeds, written as the GAN's sample grids are.
   */
  public static SampleListener listener(
      ShapesTrainer trainer, Path runDir, int every, int rows, int columns) throws IOException {
    ShapeSamples grid = new ShapeSamples(trainer.config(), Split.TEST, rows, columns, 0);
    return new SampleListener(() -> grid.render(trainer), runDir, every);
  }
}
