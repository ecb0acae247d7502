package t2i.data.coco;

import java.nio.file.Path;
import java.util.List;

/**
 * One kept image.
 *
 * @param id COCO's image id
 * @param fileName e.g. {@code COCO_val2014_000000000042.jpg}
 * @param path the image file, checked to exist
 * @param width in pixels, as the instances file says
 * @param height in pixels, as the instances file says
 * @param objects 1..8 objects, left to right by the box's left edge (ties: top edge, then id)
 * @param captions in caption id order, stripped
 */
public record CocoImage(
    long id,
    String fileName,
    Path path,
    int width,
    int height,
    List<CocoObject> objects,
    List<String> captions) {
  public CocoImage {
    objects = List.copyOf(objects);
    captions = List.copyOf(captions);
  }
}
