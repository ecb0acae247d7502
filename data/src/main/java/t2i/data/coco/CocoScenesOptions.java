package t2i.data.coco;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;

/**
 * How to convert COCO 2014 into a scenes dataset.
 *
 * @param coco the COCO folder: {@code annotations/}, {@code train2014/}, {@code val2014/}
 * @param out the dataset folder to create
 * @param size the image side, 64 or 128
 * @param validation share of the kept train2014 images moved to a validation split (at least one
 *     image when there are two or more)
 * @param seed which train2014 images go to validation
 * @param limit at most this many kept images of each half, the first in the instances file's order
 * @param force replace an existing dataset at {@code out}
 */
public record CocoScenesOptions(
    Path coco, Path out, int size, double validation, long seed, int limit, boolean force) {

  /** The dataset name the manifest records. */
  public static final String NAME = "coco-scenes";

  public static final int DEFAULT_SIZE = 64;
  public static final double DEFAULT_VALIDATION = 0.05;

  public CocoScenesOptions {
    checkArgument(coco != null && out != null, "the COCO folder and the output folder are needed");
    checkArgument(size == 64 || size == 128, "image size must be 64 or 128, was %s", size);
    checkArgument(
        validation > 0 && validation < 1, "validation share must be in (0, 1), was %s", validation);
    checkArgument(limit >= 1, "limit must be >= 1, was %s", limit);
  }

  /** Defaults: 64×64, 5% of train2014 for validation, seed 0, every image, no replacing. */
  public static Builder builder(Path coco, Path out) {
    return new Builder(coco, out);
  }

  /** Defaults for everything but the input and output folders. */
  public static final class Builder {
    private final Path coco;
    private final Path out;
    private int size = DEFAULT_SIZE;
    private double validation = DEFAULT_VALIDATION;
    private long seed;
    private int limit = Integer.MAX_VALUE;
    private boolean force;

    private Builder(Path coco, Path out) {
      this.coco = coco;
      this.out = out;
    }

    public Builder size(int size) {
      this.size = size;
      return this;
    }

    public Builder validation(double share) {
      this.validation = share;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public CocoScenesOptions build() {
      return new CocoScenesOptions(coco, out, size, validation, seed, limit, force);
    }
  }
}
