package t2i.training.layout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import t2i.data.Split;
import t2i.data.scenes.SceneDataset;
import t2i.error.UserException;

/** Reads a split of a scenes dataset as {@link SceneLayout}s. */
public final class SceneLayouts {
  private SceneLayouts() {}

  public static List<SceneLayout> read(Path dataset, Split split) {
    List<SceneLayout> scenes = new ArrayList<>();
    SceneDataset.open(dataset).forEach(split, r -> scenes.add(SceneLayout.of(r)));
    if (scenes.isEmpty()) {
      throw new UserException(dataset + " has no " + split.fileName() + " scenes");
    }
    return scenes;
  }

  /** The most objects a trainval scene of the dataset holds: what the layout stages size for. */
  public static int maxObjects(Path dataset) {
    return maxObjects(read(dataset, Split.TRAINVAL));
  }

  /** The most objects any scene of the split holds. */
  public static int maxObjects(List<SceneLayout> scenes) {
    return scenes.stream().mapToInt(s -> s.objects().size()).max().orElse(0);
  }
}
