package t2i.training.scenejudge;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import t2i.graph.ImageTrunk;

/**
 * Everything that defines a scene-judge run; saved as the run's {@code config.json}.
 *
 * @param dataset the scenes dataset folder
 * @param classNames the object classes, by class id (the class head)
 * @param emojiKeys the emoji of the objects the judge trains on, sorted (the emoji head); emoji
 *     outside it are not scored
 * @param backgrounds the backgrounds of the scenes the judge trains on, sorted (the background
 *     head)
 * @param imageSide the dataset's image side
 * @param reservedTestScenes the first this many test scenes are left out of training: {@code t2i
 *     eval scenes} scores them (the later test scenes are trained on, so that the emoji head knows
 *     the emoji the test split holds out from trainval)
 * @param cropSide the side crops are resampled to
 * @param cropMargin the share of a box's side added on each side of its crop
 * @param cropWidth channels of the object network's first convolution
 * @param cropFeatures the object network's penultimate layer
 * @param backgroundSide the side the background network takes images at
 * @param backgroundWidth channels of the background network's first convolution
 * @param backgroundFeatures the background network's penultimate layer
 * @param batchSize crops per step
 * @param backgroundBatchSize scenes per step for the background network
 * @param learningRate Adam's rate
 * @param maxShift a crop's centre moves by up to this share of its box's side each way
 * @param maxScale a crop's sides are scaled by a factor in [1 − maxScale, 1 + maxScale]
 * @param twinStyle the art style the twin trains on (it is tested on the others), or null for no
 *     twin
 * @param seed weights, batches and augmentation
 */
public record SceneJudgeConfig(
    String dataset,
    List<String> classNames,
    List<String> emojiKeys,
    List<String> backgrounds,
    int imageSide,
    int reservedTestScenes,
    int cropSide,
    float cropMargin,
    int cropWidth,
    int cropFeatures,
    int backgroundSide,
    int backgroundWidth,
    int backgroundFeatures,
    int batchSize,
    int backgroundBatchSize,
    float learningRate,
    float maxShift,
    float maxScale,
    String twinStyle,
    long seed) {

  public SceneJudgeConfig {
    checkArgument(dataset != null, "dataset is required");
    checkArgument(classNames.size() >= 2, "the judge needs at least 2 classes");
    checkArgument(!emojiKeys.isEmpty(), "the judge needs at least one emoji");
    checkArgument(!backgrounds.isEmpty(), "the judge needs at least one background");
    checkArgument(imageSide > 0, "imageSide must be > 0, was %s", imageSide);
    checkArgument(reservedTestScenes >= 0, "reservedTestScenes must be >= 0");
    checkArgument(cropMargin >= 0 && cropMargin < 1, "cropMargin must be in [0, 1)");
    checkArgument(cropWidth > 0 && cropFeatures > 0, "crop widths must be > 0");
    checkArgument(backgroundWidth > 0 && backgroundFeatures > 0, "background widths must be > 0");
    checkArgument(batchSize >= 2, "batchSize must be >= 2, was %s", batchSize);
    checkArgument(backgroundBatchSize >= 2, "backgroundBatchSize must be >= 2");
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(maxShift >= 0 && maxShift < 0.5f, "maxShift must be in [0, 0.5)");
    checkArgument(maxScale >= 0 && maxScale < 0.5f, "maxScale must be in [0, 0.5)");
    classNames = List.copyOf(classNames);
    emojiKeys = List.copyOf(emojiKeys);
    backgrounds = List.copyOf(backgrounds);
    new ImageTrunk(cropWidth, cropSide, 3); // checks the sides: powers of two >= 8
    new ImageTrunk(backgroundWidth, backgroundSide, Crops.BACKGROUND_CHANNELS);
  }

  public int classes() {
    return classNames.size();
  }

  public int emoji() {
    return emojiKeys.size();
  }

  /** The object network's trunk: 4×4 stride-2 convolutions from the crop down to 4×4. */
  public ImageTrunk cropTrunk() {
    return new ImageTrunk(cropWidth, cropSide, 3);
  }

  /** The background network's trunk, on RGB and the kept-pixels channel. */
  public ImageTrunk backgroundTrunk() {
    return new ImageTrunk(backgroundWidth, backgroundSide, Crops.BACKGROUND_CHANNELS);
  }

  /**
   * Defaults for a scenes dataset: its classes, the emoji and backgrounds of the scenes the judge
   * trains on, the first min(1000, half) test scenes reserved, crops of 32 with a 10% margin, an
   * object network of width 32 with 256 features, a background network at 32 pixels of width 16
   * with 128 features, 64 crops and 32 scenes per step, Adam at 0.001, shifts of up to 10% of the
   * box and scales within ±10%, the twin on the first style (by name) when there are two or more.
   */
  public static Builder defaultsFor(Path datasetDir) {
    Path dir = datasetDir.toAbsolutePath().normalize();
    Builder b = new Builder();
    b.dataset = dir.toString();
    SceneJudgeData.Vocabulary v = SceneJudgeData.Vocabulary.of(dir);
    b.classNames = v.classNames();
    b.imageSide = v.imageSide();
    b.reservedTestScenes = Math.min(1000, v.testScenes() / 2);
    SceneJudgeData.Labels labels = v.labels(b.reservedTestScenes);
    b.emojiKeys = labels.emojiKeys();
    b.backgrounds = labels.backgrounds();
    b.twinStyle = v.styles().size() >= 2 ? v.styles().get(0) : null;
    return b;
  }

  /** Every value of this config, for a resume to check or change. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataset = dataset;
    b.classNames = classNames;
    b.emojiKeys = emojiKeys;
    b.backgrounds = backgrounds;
    b.imageSide = imageSide;
    b.reservedTestScenes = reservedTestScenes;
    b.cropSide = cropSide;
    b.cropMargin = cropMargin;
    b.cropWidth = cropWidth;
    b.cropFeatures = cropFeatures;
    b.backgroundSide = backgroundSide;
    b.backgroundWidth = backgroundWidth;
    b.backgroundFeatures = backgroundFeatures;
    b.batchSize = batchSize;
    b.backgroundBatchSize = backgroundBatchSize;
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
    private List<String> classNames = List.of();
    private List<String> emojiKeys = List.of();
    private List<String> backgrounds = List.of();
    private int imageSide;
    private int reservedTestScenes;
    private int cropSide = 32;
    private float cropMargin = 0.1f;
    private int cropWidth = 32;
    private int cropFeatures = 256;
    private int backgroundSide = 32;
    private int backgroundWidth = 16;
    private int backgroundFeatures = 128;
    private int batchSize = 64;
    private int backgroundBatchSize = 32;
    private float learningRate = 1e-3f;
    private float maxShift = 0.1f;
    private float maxScale = 0.1f;
    private String twinStyle;
    private long seed;

    private Builder() {}

    public Builder cropWidth(int cropWidth) {
      this.cropWidth = cropWidth;
      return this;
    }

    public Builder cropFeatures(int cropFeatures) {
      this.cropFeatures = cropFeatures;
      return this;
    }

    public Builder backgroundWidth(int backgroundWidth) {
      this.backgroundWidth = backgroundWidth;
      return this;
    }

    public Builder backgroundFeatures(int backgroundFeatures) {
      this.backgroundFeatures = backgroundFeatures;
      return this;
    }

    public Builder cropSide(int cropSide) {
      this.cropSide = cropSide;
      return this;
    }

    public Builder backgroundSide(int backgroundSide) {
      this.backgroundSide = backgroundSide;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder backgroundBatchSize(int backgroundBatchSize) {
      this.backgroundBatchSize = backgroundBatchSize;
      return this;
    }

    public Builder learningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    /** The twin's style, or "none" for no twin. */
    public Builder twinStyle(String twinStyle) {
      this.twinStyle = "none".equals(twinStyle) ? null : twinStyle;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public SceneJudgeConfig build() {
      return new SceneJudgeConfig(
          dataset,
          classNames,
          emojiKeys,
          backgrounds,
          imageSide,
          reservedTestScenes,
          cropSide,
          cropMargin,
          cropWidth,
          cropFeatures,
          backgroundSide,
          backgroundWidth,
          backgroundFeatures,
          batchSize,
          backgroundBatchSize,
          learningRate,
          maxShift,
          maxScale,
          twinStyle,
          seed);
    }
  }
}
