package t2i.training.judge;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.graph.Dcgan;
import t2i.graph.ImageTrunk;

/**
 * Everything that defines a judge run; saved as the run's {@code config.json}.
 *
 * @param dataset the dataset folder; the judge trains on the real images of all its records
 * @param concepts size of the concept head (the dataset's concept count)
 * @param subcategories size of the subcategory head (the dataset's class count)
 * @param width channels of the trunk's first convolution (DCGAN's discriminator trunk)
 * @param featureDim size of the penultimate layer: the features Fréchet distances are taken in
 * @param batchSize images per step
 * @param learningRate Adam's rate
 * @param maxShift images are shifted by up to this many pixels each way
 * @param maxScale images are scaled by a factor in [1 − maxScale, 1 + maxScale]
 * @param twinStyle the art style the reliability twin trains on (it is tested on the others), or
 *     null for no twin (datasets with one style)
 * @param seed weights, batches and augmentation
 */
public record JudgeConfig(
    String dataset,
    int concepts,
    int subcategories,
    int width,
    int featureDim,
    int batchSize,
    float learningRate,
    int maxShift,
    float maxScale,
    String twinStyle,
    long seed) {

  public JudgeConfig {
    checkArgument(dataset != null, "dataset is required");
    checkArgument(concepts >= 2 && subcategories >= 1, "the judge needs at least 2 concepts");
    checkArgument(width > 0 && featureDim > 0, "width and featureDim must be > 0");
    checkArgument(batchSize >= 2, "batchSize must be >= 2, was %s", batchSize);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(maxShift >= 0, "maxShift must be >= 0, was %s", maxShift);
    checkArgument(maxScale >= 0 && maxScale < 0.5f, "maxScale must be in [0, 0.5)");
  }

  /** The trunk the judge's towers share in shape (not in weights). */
  public ImageTrunk trunk() {
    return new ImageTrunk(width, Dcgan.IMAGE_SIZE, Dcgan.IMAGE_CHANNELS);
  }

  /**
   * Defaults for a dataset: width 32, 512 features, batches of 64, Adam at 0.001, shifts of up to 6
   * pixels and scales within ±15%, seed 0; the twin trains on the first style (by name) when the
   * dataset has two or more.
   */
  public static Builder defaultsFor(Path datasetDir) {
    Path dir = datasetDir.toAbsolutePath().normalize();
    DatasetManifest m = Dataset.open(dir).manifest();
    Builder b = new Builder();
    b.dataset = dir.toString();
    b.concepts = m.concepts().size();
    b.subcategories = m.classes().size();
    b.twinStyle =
        m.recordsPerStyle().size() >= 2
            ? m.recordsPerStyle().keySet().stream().sorted().findFirst().orElseThrow()
            : null;
    return b;
  }

  /** Every value of this config, for a resume to check or change. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataset = dataset;
    b.concepts = concepts;
    b.subcategories = subcategories;
    b.width = width;
    b.featureDim = featureDim;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.maxShift = maxShift;
    b.maxScale = maxScale;
    b.twinStyle = twinStyle;
    b.seed = seed;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private int concepts;
    private int subcategories;
    private int width = 32;
    private int featureDim = 512;
    private int batchSize = 64;
    private float learningRate = 1e-3f;
    private int maxShift = 6;
    private float maxScale = 0.15f;
    private String twinStyle;
    private long seed;

    private Builder() {}

    public Builder width(int width) {
      this.width = width;
      return this;
    }

    public Builder featureDim(int featureDim) {
      this.featureDim = featureDim;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder learningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder twinStyle(String twinStyle) {
      this.twinStyle = twinStyle;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public JudgeConfig build() {
      return new JudgeConfig(
          dataset,
          concepts,
          subcategories,
          width,
          featureDim,
          batchSize,
          learningRate,
          maxShift,
          maxScale,
          twinStyle,
          seed);
    }
  }
}
