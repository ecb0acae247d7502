package t2i.data.coco;

import java.nio.file.Path;
import t2i.data.Split;

/** The two COCO 2014 halves and the project split each becomes (as sg2im, Obj-GAN, Text2Scene). */
public enum CocoSplit {
  TRAIN2014("train2014", Split.TRAINVAL),
  VAL2014("val2014", Split.TEST);

  private final String folderName;
  private final Split split;

  CocoSplit(String folderName, Split split) {
    this.folderName = folderName;
    this.split = split;
  }

  public Split split() {
    return split;
  }

  /** {@code <root>/annotations/instances_<half>.json}. */
  public Path instancesFile(Path root) {
    return root.resolve("annotations").resolve("instances_" + folderName + ".json");
  }

  /** {@code <root>/annotations/captions_<half>.json}. */
  public Path captionsFile(Path root) {
    return root.resolve("annotations").resolve("captions_" + folderName + ".json");
  }

  /** {@code <root>/train2014} or {@code <root>/val2014}. */
  public Path imageFolder(Path root) {
    return root.resolve(folderName);
  }

  public String folderName() {
    return folderName;
  }
}
