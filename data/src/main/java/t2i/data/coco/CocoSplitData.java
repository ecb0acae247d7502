package t2i.data.coco;

import java.util.List;
import t2i.data.Split;

/** One half of COCO 2014 after filtering: images in the instances file's order. */
public record CocoSplitData(
    CocoSplit half, List<CocoCategory> categories, List<CocoImage> images, CocoReadStats stats) {
  public CocoSplitData {
    categories = List.copyOf(categories);
    images = List.copyOf(images);
  }

  public Split split() {
    return half.split();
  }
}
