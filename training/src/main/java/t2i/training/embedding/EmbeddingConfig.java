package t2i.training.embedding;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import t2i.data.ClassLevel;
import t2i.data.Dataset;
import t2i.data.DatasetManifest;
import t2i.data.Split;
import t2i.data.TextImageRecord;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.io.AbsentMeans;
import t2i.data.scenes.SceneRecords;
import t2i.data.text.TextAlphabet;
import t2i.graph.ImageEncoderConfig;
import t2i.graph.SjeLoss;
import t2i.graph.TextEncoderConfig;
import t2i.training.Precision;
import t2i.training.optim.Adam;
import t2i.training.optim.Optimizer;
import t2i.training.optim.OptimizerType;
import t2i.training.optim.RmsProp;

/**
 * Everything that defines a joint-embedding run; saved as the run's {@code config.json}, from which
 * resume, evaluation, embedding and export rebuild the graphs.
 *
 * @param dataset the dataset folder
 * @param textPreset the name of the preset {@code text} was made from, or null (a custom encoder,
 *     or a run folder older than this field)
 * @param text the text encoder
 * @param imagePreset the name of the preset {@code image} was made from, or null
 * @param image the image encoder
 * @param imageFeatures a {@code .npy} of precomputed image features (rows: trainval records then
 *     test records, in shard order), or null to learn from pixels
 * @param classLevel what one class is: the dataset's class (subcategory, species) or the concept
 *     (one emoji with its skin tones and styles)
 * @param loss the surrogate of DS-SJE's 0–1 loss: Reed's hinge or the softmax cross-entropy
 * @param batchSize classes per batch, one image and one caption each (Reed: 40)
 * @param optimizer RMSprop (Reed's) or Adam
 * @param learningRate initial learning rate
 * @param decay learning-rate factor per "epoch" (Reed: 0.98)
 * @param decayEvery steps per "epoch": one per trainval class, as in Reed's code
 * @param initialMeanSquare RMSprop's starting mean square (Torch: 0; TF1: 1)
 * @param gradientClip clip each gradient element to ±this (0: off)
 * @param seed weights and batches
 * @param flip mirror training images at random (off for emoji, whose arrows and hands point)
 * @param maxShift shift training images by up to this many pixels each way (0: off)
 * @param maxScale scale training images by a factor in [1 − maxScale, 1 + maxScale] (0: off)
 * @param wordDropout drop each word of a training caption with this probability (0: off)
 * @param precision the arithmetic of the convolutions and matrix products (variables stay float32)
 * @param captionLanguages the caption languages training reads, or null for all of them (the others
 *     are held out entirely, for cross-lingual evaluation)
 */
public record EmbeddingConfig(
    String dataset,
    String textPreset,
    TextEncoderConfig text,
    String imagePreset,
    ImageEncoderConfig image,
    String imageFeatures,
    @AbsentMeans("\"subcategory\"") ClassLevel classLevel,
    @AbsentMeans("\"hinge\"") SjeLoss.Surrogate loss,
    int batchSize,
    OptimizerType optimizer,
    float learningRate,
    float decay,
    int decayEvery,
    float initialMeanSquare,
    float gradientClip,
    long seed,
    boolean flip,
    @AbsentMeans("0") int maxShift,
    @AbsentMeans("0") float maxScale,
    @AbsentMeans("0") float wordDropout,
    @AbsentMeans("\"float32\"") Precision precision,
    @AbsentMeans("null") List<String> captionLanguages) {

  public static final OptimizerType DEFAULT_OPTIMIZER = OptimizerType.ADAM;

  /** The class level of new runs (README, "Joint embedding": measured against subcategory). */
  public static final ClassLevel DEFAULT_CLASS_LEVEL = ClassLevel.CONCEPT;

  public EmbeddingConfig {
    checkArgument(
        dataset != null
            && text != null
            && image != null
            && optimizer != null
            && classLevel != null
            && loss != null,
        "dataset, text, image, class level, loss and optimizer are required");
    checkArgument(batchSize >= 2, "a DS-SJE batch needs at least 2 classes, got %s", batchSize);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(decay > 0 && decay <= 1, "decay must be in (0, 1], was %s", decay);
    checkArgument(decayEvery > 0, "decayEvery must be > 0, was %s", decayEvery);
    checkArgument(
        initialMeanSquare >= 0, "initialMeanSquare must be >= 0, was %s", initialMeanSquare);
    checkArgument(gradientClip >= 0, "gradientClip must be >= 0, was %s", gradientClip);
    checkArgument(
        wordDropout >= 0 && wordDropout < 1, "wordDropout must be in [0, 1), was %s", wordDropout);
    if (captionLanguages != null) {
      checkArgument(!captionLanguages.isEmpty(), "captionLanguages must not be empty");
      captionLanguages = List.copyOf(captionLanguages);
    }
    checkArgument(maxShift >= 0, "maxShift must be >= 0, was %s", maxShift);
    checkArgument(
        maxScale >= 0 && maxScale < 0.5f, "maxScale must be in [0, 0.5), was %s", maxScale);
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
    return switch (optimizer) {
      case ADAM -> new Adam(0.9f, Adam.DEFAULT_BETA2);
      case RMSPROP -> new RmsProp(initialMeanSquare);
    };
  }

  /** The rate that worked here: Adam 0.0002, RMSprop 0.0001 (README, "Joint embedding"). */
  public static float defaultLearningRate(OptimizerType optimizer) {
    return optimizer == OptimizerType.ADAM ? 2e-4f : 1e-4f;
  }

  /**
   * The defaults for a dataset with {@code trainvalClasses} classes to train on (at the level the
   * run will use): Reed's text encoder, the cpu image encoder, batches of 40 classes (at most all
   * of them), Adam at its default rate, decay 0.98 per epoch of classes, seed 0, images not
   * mirrored.
   */
  public static Builder builder(String dataset, int trainvalClasses) {
    return new Builder(dataset, trainvalClasses);
  }

  /**
   * A new run's defaults on a dataset at a class level: its trainval classes at that level set the
   * batch and decay period, and images are mirrored except on the emoji data (whose art is not
   * symmetric) and on scenes (whose captions say which object is left of which).
   */
  public static Builder defaultsFor(Path dataset, ClassLevel level) {
    Path data = dataset.toAbsolutePath().normalize();
    Dataset ds = Dataset.open(data);
    return builder(data.toString(), level.count(ds.manifest(), Split.TRAINVAL))
        .classLevel(level)
        .flip(
            !ds.manifest().name().equals(EmojiDatasetOptions.NAME)
                && !SceneRecords.isScenes(ds.manifest()))
        .alphabet(defaultAlphabet(ds.manifest()));
  }

  /**
   * Reed's 70 symbols for English data, as the paper; the UTF-8 bytes when any caption is in
   * another language, which Reed's alphabet would reduce to digits and punctuation.
   */
  public static TextAlphabet defaultAlphabet(DatasetManifest manifest) {
    boolean englishOnly =
        manifest.captions().languages().keySet().equals(Set.of(TextImageRecord.ENGLISH));
    return englishOnly ? TextAlphabet.REED70 : TextAlphabet.UTF8;
  }

  /** Every value of this config, for a resume to check or change. */
  public Builder toBuilder() {
    Builder b = new Builder(dataset, decayEvery);
    b.textPreset = textPreset;
    b.text = text;
    b.imagePreset = imagePreset;
    b.image = image;
    b.imageFeatures = imageFeatures;
    b.classLevel = classLevel;
    b.loss = loss;
    b.featureDim = image.featureDim();
    b.batchSize = batchSize;
    b.optimizer = optimizer;
    b.learningRate = learningRate;
    b.decay = decay;
    b.decayEvery = decayEvery;
    b.initialMeanSquare = initialMeanSquare;
    b.gradientClip = gradientClip;
    b.seed = seed;
    b.flip = flip;
    b.maxShift = maxShift;
    b.maxScale = maxScale;
    b.wordDropout = wordDropout;
    b.colourGrid = image.colourGrid();
    b.precision = precision;
    b.alphabet = text.alphabet();
    b.captionLanguages = captionLanguages;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private String textPreset = "reed";
    private TextEncoderConfig text;
    private String imagePreset = "cpu";
    private ImageEncoderConfig image;
    private String imageFeatures;
    private ClassLevel classLevel = ClassLevel.SUBCATEGORY;
    private SjeLoss.Surrogate loss = SjeLoss.Surrogate.HINGE;
    private int featureDim;
    private int batchSize;
    private OptimizerType optimizer = DEFAULT_OPTIMIZER;
    private Float learningRate;
    private float decay = 0.98f;
    private int decayEvery;
    private float initialMeanSquare = 1f;
    private float gradientClip = 0f;
    private long seed;
    private boolean flip;
    private int maxShift;
    private float maxScale;
    private int colourGrid;
    private float wordDropout;
    private Precision precision = Precision.FLOAT32;
    private TextAlphabet alphabet = TextAlphabet.REED70;
    private List<String> captionLanguages;

    private Builder(String dataset, int trainvalClasses) {
      this.dataset = dataset;
      this.batchSize = Math.min(40, trainvalClasses);
      this.decayEvery = Math.max(1, trainvalClasses);
    }

    /** Another dataset; {@code decayEvery} stays as it was. */
    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    /** A named text encoder preset (reed, gru, tiny). */
    public Builder textPreset(String name) {
      this.textPreset = name;
      this.text = null;
      return this;
    }

    /** A text encoder of the caller's; the run records no preset name. */
    public Builder text(TextEncoderConfig text) {
      this.text = text;
      this.textPreset = null;
      return this;
    }

    /** A named image encoder preset (cpu, wide, tiny). */
    public Builder imagePreset(String name) {
      this.imagePreset = name;
      this.image = null;
      return this;
    }

    /** An image encoder of the caller's; the run records no preset name. */
    public Builder image(ImageEncoderConfig image) {
      this.image = image;
      this.imagePreset = null;
      return this;
    }

    public Builder wordDropout(float wordDropout) {
      this.wordDropout = wordDropout;
      return this;
    }

    /** Mean colours on a grid of this side beside the image encoder's CNN (0: none). */
    public Builder colourGrid(int colourGrid) {
      this.colourGrid = colourGrid;
      return this;
    }

    /** Precomputed image features of {@code featureDim} values per image instead of pixels. */
    public Builder imageFeatures(String file, int featureDim) {
      this.imageFeatures = file;
      this.featureDim = featureDim;
      return this;
    }

    /** The class level; the caller sets batch and decay period to match its class count. */
    public Builder classLevel(ClassLevel classLevel) {
      this.classLevel = classLevel;
      return this;
    }

    public Builder loss(SjeLoss.Surrogate loss) {
      this.loss = loss;
      return this;
    }

    public Builder batchSize(int batchSize) {
      this.batchSize = batchSize;
      return this;
    }

    /** The update rule; its default learning rate unless {@link #learningRate} is set. */
    public Builder optimizer(OptimizerType optimizer) {
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

    /** Shifts of training images by up to this many pixels each way. */
    public Builder maxShift(int maxShift) {
      this.maxShift = maxShift;
      return this;
    }

    /** Scales of training images within ±this. */
    public Builder maxScale(float maxScale) {
      this.maxScale = maxScale;
      return this;
    }

    public Builder gradientClip(float gradientClip) {
      this.gradientClip = gradientClip;
      return this;
    }

    public Builder precision(Precision precision) {
      this.precision = precision;
      return this;
    }

    /** Train on the captions in these languages alone (null: all). */
    public Builder captionLanguages(List<String> languages) {
      this.captionLanguages = languages;
      return this;
    }

    /** The characters the text encoder reads (reed70, or utf8 for any language). */
    public Builder alphabet(TextAlphabet alphabet) {
      this.alphabet = alphabet;
      return this;
    }

    public EmbeddingConfig build() {
      TextEncoderConfig t =
          (text != null ? text : TextEncoderConfig.preset(textPreset)).withAlphabet(alphabet);
      ImageEncoderConfig i =
          (image != null ? image : ImageEncoderConfig.preset(imagePreset))
              .withEmbeddingDim(t.embeddingDim());
      if (featureDim > 0) {
        i = i.withFeatures(featureDim);
      }
      i = i.withColourGrid(colourGrid);
      return new EmbeddingConfig(
          dataset,
          textPreset,
          t,
          imagePreset,
          i,
          imageFeatures,
          classLevel,
          loss,
          batchSize,
          optimizer,
          learningRate != null ? learningRate : defaultLearningRate(optimizer),
          decay,
          decayEvery,
          initialMeanSquare,
          gradientClip,
          seed,
          flip,
          maxShift,
          maxScale,
          wordDropout,
          precision,
          captionLanguages);
    }
  }
}
