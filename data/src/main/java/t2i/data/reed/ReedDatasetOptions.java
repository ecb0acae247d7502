package t2i.data.reed;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;

/**
 * How to convert a Reed-layout tree.
 *
 * @param images the image folder: {@code <class>/<name>.jpg} (CUB) or flat {@code <name>.jpg}
 *     (Oxford-102 {@code jpg/})
 * @param text the {@code text_c10} folder: {@code <class>/<name>.txt}, one caption per line
 * @param classes the folder with {@code trainvalclasses.txt} and {@code testclasses.txt}
 * @param boundingBoxes CUB's {@code bounding_boxes.txt}, with {@code images.txt} beside it, or null
 * @param out the dataset folder to create
 * @param name the dataset's short name ({@code cub}, {@code flowers})
 * @param size stored image side; training crops 64×64 at random from it (Reed: 76)
 * @param force replace an existing dataset at {@code out}
 */
public record ReedDatasetOptions(
    Path images,
    Path text,
    Path classes,
    Path boundingBoxes,
    Path out,
    String name,
    int size,
    boolean force) {
  public static final int DEFAULT_SIZE = 76;

  public ReedDatasetOptions {
    checkArgument(size >= 64, "image size must be >= 64 (the model's input), was %s", size);
    checkArgument(name.matches("[a-z0-9_-]+"), "dataset name must be [a-z0-9_-]+, was '%s'", name);
  }
}
