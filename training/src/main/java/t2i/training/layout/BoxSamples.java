package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import t2i.data.EvenlySpaced;
import t2i.data.Split;
import t2i.data.image.ImageGrid;
import t2i.training.gan.SampleListener;

/**
 * The picture to look at for a box generator: the first captions of fixed scenes, evenly spaced
 * over the trainval and the test split, one row each, with the scene's true layout and the layouts
 * drawn for the caption with a few fixed seeds; the caption under the row.
 */
public final class BoxSamples {
  /** The side of a layout in the training grid. */
  static final int SIDE = 128;

  /** What draws the layouts: a trainer or a trained model. */
  public interface Sampler {
    BoxesConfig config();

    /** One layout per caption, row {@code i} drawn from {@code seeds[i]} alone. */
    List<List<LayoutObject>> sample(List<String> captions, long[] seeds, float temperature);
  }

  private final List<SceneLayout> scenes = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final int columns;
  private final long seed;

  /**
   * @param perSplit scenes of each split, evenly spaced over it
   * @param columns seeds {@code seed, seed + 1, ...} per caption
   */
  public BoxSamples(BoxesConfig config, int perSplit, int columns, long seed) {
    checkArgument(perSplit >= 1 && columns >= 1, "perSplit and columns must be >= 1");
    for (Split split : List.of(Split.TRAINVAL, Split.TEST)) {
      List<SceneLayout> all = SceneLayouts.read(Path.of(config.dataset()), split);
      for (SceneLayout scene : EvenlySpaced.of(all, perSplit)) {
        scenes.add(scene);
        labels.add(
            "[" + split.fileName() + "] " + scene.captions().get(0) + "  (true | sampled layouts)");
      }
    }
    checkArgument(!scenes.isEmpty(), "%s has no trainval or test scenes", config.dataset());
    this.columns = columns;
    this.seed = seed;
  }

  /** Captions in the grid, one per row. */
  public int rows() {
    return scenes.size();
  }

  /** Rows of the true layout and the sampled ones, at the run's temperature. */
  public BufferedImage render(Sampler sampler) {
    BoxesConfig config = sampler.config();
    List<String> captions = scenes.stream().map(s -> s.captions().get(0)).toList();
    List<List<BufferedImage>> drawn =
        layoutPictures(sampler, captions, columns, seed, config.temperature(), SIDE);
    List<ImageGrid.Row> rows = new ArrayList<>();
    for (int r = 0; r < scenes.size(); r++) {
      List<BufferedImage> cells = new ArrayList<>();
      cells.add(LayoutPicture.draw(scenes.get(r).objects(), config.classNames(), SIDE));
      cells.addAll(drawn.get(r));
      rows.add(new ImageGrid.Row(cells, labels.get(r)));
    }
    return ImageGrid.draw(rows, 1);
  }

  /**
   * For each caption, the layouts sampled with seeds {@code seed, seed + 1, ...}: layout {@code j}
   * of every caption uses seed {@code seed + j}, drawn {@code side} pixels wide.
   */
  public static List<List<BufferedImage>> layoutPictures(
      Sampler sampler, List<String> captions, int columns, long seed, float temperature, int side) {
    List<String> repeated = new ArrayList<>();
    long[] seeds = new long[captions.size() * columns];
    for (int i = 0; i < captions.size(); i++) {
      for (int j = 0; j < columns; j++) {
        repeated.add(captions.get(i));
        seeds[i * columns + j] = seed + j;
      }
    }
    List<List<LayoutObject>> layouts = sampler.sample(repeated, seeds, temperature);
    List<String> classNames = sampler.config().classNames();
    List<List<BufferedImage>> pictures = new ArrayList<>();
    for (int i = 0; i < captions.size(); i++) {
      List<BufferedImage> row = new ArrayList<>();
      for (int j = 0; j < columns; j++) {
        row.add(LayoutPicture.draw(layouts.get(i * columns + j), classNames, side));
      }
      pictures.add(row);
    }
    return pictures;
  }

  /**
   * Every {@code every} steps and at the end: the grid of {@code perSplit} trainval and {@code
   * perSplit} test captions and {@code columns} seeds, written as the GAN's sample grids are.
   */
  public static SampleListener listener(
      BoxesTrainer trainer, Path runDir, int every, int perSplit, int columns) throws IOException {
    BoxSamples grid = new BoxSamples(trainer.config(), perSplit, columns, 0);
    return new SampleListener(() -> grid.render(trainer), runDir, every);
  }
}
