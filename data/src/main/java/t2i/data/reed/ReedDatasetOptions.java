package t2i.data.reed;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import t2i.data.batch.BatchOptions;

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
 * @param size stored image side; training crops the network's side at random from it (Reed: 76
 *     around 64), so at least {@link BatchOptions#DEFAULT_CROP_SIZE}
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
    checkArgument(
        size >= BatchOptions.DEFAULT_CROP_SIZE,
        "image size must be >= %s (the default training crop), was %s",
        BatchOptions.DEFAULT_CROP_SIZE,
        size);
    checkArgument(name.matches("[a-z0-9_-]+"), "dataset name must be [a-z0-9_-]+, was '%s'", name);
  }
}
