package t2i.training.embedding;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.graph.ImageEncoderConfig;
import t2i.graph.TextEncoderConfig;
import t2i.training.optim.Adam;
import t2i.training.optim.Optimizer;
import t2i.training.optim.RmsProp;

/**
 * Everything that defines a joint-embedding run; saved as the run's {@code config.json}, from which
 * resume, evaluation, embedding and export rebuild the graphs.
 *
 * @param dataset the dataset folder
 * @param text the text encoder
 * @param image the image encoder
 * @param imageFeatures a {@code .npy} of precomputed image features (rows: trainval records then
 *     test records, in shard order), or null to learn from pixels
 * @param batchSize classes per batch, one image and one caption each (Reed: 40)
 * @param optimizer {@code rmsprop} (Reed's) or {@code adam}
 * @param learningRate initial learning rate
 * @param decay learning-rate factor per "epoch" (Reed: 0.98)
 * @param decayEvery steps per "epoch": one per trainval class, as in Reed's code
 * @param initialMeanSquare RMSprop's starting mean square (Torch: 0; TF1: 1)
 * @param gradientClip clip each gradient element to ±this (0: off)
 * @param seed weights and batches
 * @param flip mirror training images at random (off for emoji, whose arrows and hands point)
 */
public record EmbeddingConfig(
    String dataset,
    TextEncoderConfig text,
    ImageEncoderConfig image,
    String imageFeatures,
    int batchSize,
    String optimizer,
    float learningRate,
    float decay,
    int decayEvery,
    float initialMeanSquare,
    float gradientClip,
    long seed,
    boolean flip) {

  public EmbeddingConfig {
    checkArgument(
        dataset != null && text != null && image != null && optimizer != null,
        "dataset, text, image and optimizer are required");
    checkArgument(batchSize >= 2, "a DS-SJE batch needs at least 2 classes, got %s", batchSize);
    checkArgument(
        optimizer.equals("rmsprop") || optimizer.equals("adam"),
        "optimizer must be rmsprop or adam, was %s",
        optimizer);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(decay > 0 && decay <= 1, "decay must be in (0, 1], was %s", decay);
    checkArgument(decayEvery > 0, "decayEvery must be > 0, was %s", decayEvery);
    checkArgument(initialMeanSquare >= 0, "initialMeanSquare must be >= 0");
    checkArgument(gradientClip >= 0, "gradientClip must be >= 0");
    checkArgument(
        text.embeddingDim() == image.embeddingDim(),
        "text and image embeddings differ in size: %s vs %s",
        text.embeddingDim(),
        image.embeddingDim());
  }

  /** The learning rate after {@code step} steps: lr × decay^⌊step / decayEvery⌋. */
  public float learningRateAt(long step) {
    return (float) (learningRate * Math.pow(decay, Math.floor((double) step / decayEvery)));
  }

  /** The update rule: Adam (β1 0.9, β2 0.999) or RMSprop from {@code initialMeanSquare}. */
  public Optimizer updateRule() {
    return optimizer.equals("adam")
        ? new Adam(0.9f, Adam.DEFAULT_BETA2)
        : new RmsProp(initialMeanSquare);
  }

  /** Whether {@code other} builds the same graph (what a resume must keep). */
  public boolean sameArchitecture(EmbeddingConfig other) {
    return text.equals(other.text)
        && image.equals(other.image)
        && batchSize == other.batchSize
        && optimizer.equals(other.optimizer);
  }

  /** Defaults for a dataset with {@code trainvalClasses} classes to train on. */
  public static Builder builder(String dataset, int trainvalClasses) {
    return new Builder(dataset, trainvalClasses);
  }

  /** Every value of this config, for a resume to change what the user asks and nothing else. */
  public Builder toBuilder() {
    Builder b = new Builder(dataset, decayEvery);
    b.text = text;
    b.image = image;
    b.imageFeatures = imageFeatures;
    b.batchSize = batchSize;
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.decay = decay;
    b.decayEvery = decayEvery;
    b.initialMeanSquare = initialMeanSquare;
    b.gradientClip = gradientClip;
    b.seed = seed;
    b.flip = flip;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private TextEncoderConfig text = TextEncoderConfig.reed();
    private ImageEncoderConfig image = ImageEncoderConfig.cpu();
    private String imageFeatures;
    private int batchSize;
    private String optimizer = DEFAULT_OPTIMIZER;
    private Float learningRate;
    private float decay = 0.98f;
    private int decayEvery;
    private float initialMeanSquare = 1f;
    private float gradientClip = 0f;
    private long seed;
    private boolean flip;

    private Builder(String dataset, int trainvalClasses) {
      this.dataset = dataset;
      this.batchSize = Math.min(40, trainvalClasses);
      this.decayEvery = Math.max(1, trainvalClasses);
    }

    /** Another dataset (a resume with --data); {@code decayEvery} stays as it was. */
    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder text(TextEncoderConfig text) {
      this.text = text;
      return this;
    }

    public Builder image(ImageEncoderConfig image) {
      this.image = image;
      return this;
    }

    public Builder imageFeatures(String file, int featureDim) {
      this.imageFeatures = file;
      this.image = image.withFeatures(featureDim);
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    public Builder optimizer(String optimizer) {
      this.optimizer = optimizer;
      return this;
    }

    public Builder learningRate(float learningRate) {
      this.learningRate = learningRate;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder flip(boolean flip) {
      this.flip = flip;
      return this;
    }

    public Builder gradientClip(float gradientClip) {
      this.gradientClip = gradientClip;
      return this;
    }

    public EmbeddingConfig build() {
      float lr = learningRate != null ? learningRate : defaultLearningRate(optimizer);
      return new EmbeddingConfig(
          dataset,
          text,
          image.withEmbeddingDim(text.embeddingDim()),
          imageFeatures,
          batchSize,
          optimizer,
          lr,
          decay,
          decayEvery,
          initialMeanSquare,
          gradientClip,
          seed,
          flip);
    }
  }

  public static final String DEFAULT_OPTIMIZER = "adam";

  public static float defaultLearningRate(String optimizer) {
    return optimizer.equals("adam") ? 2e-4f : 1e-4f;
  }
}
