package t2i.data.scenes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.error.UserException;

/**
 * A dataset of scene records (emoji scenes, or COCO converted by {@code t2i data coco}) opened for
 * reading, as typed {@link SceneRecord}s.
 */
public final class SceneDataset {
  /** The manifest names of the datasets stored as scene records. */
  public static final Set<String> NAMES = SceneRecords.NAMES;

  private final Dataset dataset;

  private SceneDataset(Dataset dataset) {
    this.dataset = dataset;
  }

  /** Opens and checks the folder as {@link Dataset#open} does; refuses other kinds of dataset. */
  public static SceneDataset open(Path dir) {
    Dataset d = Dataset.open(dir);
    if (!isScenes(d)) {
      throw new UserException(
          dir
              + " is a '"
              + d.manifest().name()
              + "' dataset, not scenes: build one with"
              + " `t2i data scenes --out "
              + dir
              + "` (emoji scenes) or `t2i data coco --coco COCO_DIR --out "
              + dir
              + "`");
    }
    return new SceneDataset(d);
  }

  public static boolean isScenes(Dataset d) {
    return SceneRecords.isScenes(d.manifest());
  }

  public Dataset dataset() {
    return dataset;
  }

  /** Streams the scenes of one split in file order. */
  public void forEach(Split split, Consumer<SceneRecord> action) {
    dataset.forEachExample(split, data -> action.accept(SceneExampleCodec.decode(data)));
  }

  public List<SceneRecord> read(Split split) {
    List<SceneRecord> records = new ArrayList<>(dataset.manifest().records(split));
    forEach(split, records::add);
    return records;
  }
}
