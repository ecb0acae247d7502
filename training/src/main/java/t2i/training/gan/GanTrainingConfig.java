package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.annotations.SerializedName;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import t2i.data.Dataset;
import t2i.data.Split;
import t2i.data.emoji.EmojiDatasetOptions;
import t2i.data.io.AbsentMeans;
import t2i.data.scenes.SceneDataset;
import t2i.graph.GanConfig;
import t2i.training.Precision;
import t2i.training.embedding.CaptionEmbeddings;

/**
 * A GAN run's configuration, saved as its {@code config.json}.
 *
 * @param dataset the dataset folder
 * @param embeddings the caption-embeddings folder ({@code t2i embed})
 * @param preset the name of the network preset {@code gan} was made from, or null (a custom
 *     network, or a run folder older than this field)
 * @param gan the networks
 * @param loss the variant: GAN, GAN-CLS, GAN-INT or GAN-INT-CLS
 * @param batchSize images per step (64)
 * @param captionsAveraged caption embeddings averaged per image (Reed: 4)
 * @param interpolationBeta GAN-INT's β: each mixed text is (1 − β)·its text + β·the next one's
 *     ({@link t2i.training.Interpolation}; 0.5)
 * @param learningRate Adam's rate for D and G (0.0002), halved every {@code halveEvery} steps
 * @param beta1 Adam's β1 (0.5)
 * @param halveEvery steps between halvings of the learning rate (0: never)
 * @param seed weights, batches and noise
 * @param flip mirror training images at random (off for emoji)
 * @param precision the arithmetic of the convolutions and matrix products (variables stay float32)
 * @param recipe the training switches beyond the paper (all off: Reed et al.'s recipe)
 */
public record GanTrainingConfig(
    String dataset,
    String embeddings,
    String preset,
    GanConfig gan,
    Loss loss,
    int batchSize,
    int captionsAveraged,
    float interpolationBeta,
    float learningRate,
    float beta1,
    long halveEvery,
    long seed,
    boolean flip,
    @AbsentMeans("\"float32\"") Precision precision,
    @AbsentMeans(GanRecipe.REED2016_JSON) GanRecipe recipe) {

  /** Reed et al.'s variants, saved by their names in the paper's code. */
  public enum Loss {
    @SerializedName("gan")
    GAN("gan"),
    @SerializedName("cls")
    CLS("cls"),
    @SerializedName("int")
    INT("int"),
    @SerializedName("int-cls")
    INT_CLS("int-cls");

    private final String id;

    Loss(String id) {
      this.id = id;
    }

    /** The variant named {@code id} (gan, cls, int or int-cls). */
    public static Loss of(String id) {
      return Arrays.stream(values())
          .filter(l -> l.id.equals(id))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "loss must be "
                          + Arrays.stream(values())
                              .map(Loss::toString)
                              .collect(Collectors.joining(", "))
                          + "; was "
                          + id));
    }

    /** Whether the discriminator also sees real images with wrong text (GAN-CLS). */
    public boolean matchingAware() {
      return this == CLS || this == INT_CLS;
    }

    /** Whether the generator also learns from interpolated text (GAN-INT). */
    public boolean interpolates() {
      return this == INT || this == INT_CLS;
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /** Reed et al. halve the learning rate every 100 epochs. */
  public static final int REED_HALVING_EPOCHS = 100;

  public GanTrainingConfig {
    checkArgument(
        dataset != null && embeddings != null && gan != null && loss != null,
        "dataset, embeddings, gan and loss are required");
    checkArgument(precision != null, "precision is required");
    checkArgument(recipe != null, "recipe is required");
    checkArgument(
        batchSize >= 2 && batchSize % 2 == 0, "batch size must be even, was %s", batchSize);
    checkArgument(captionsAveraged >= 1, "captionsAveraged must be >= 1, was %s", captionsAveraged);
    checkArgument(
        interpolationBeta >= 0 && interpolationBeta <= 1,
        "interpolationBeta must be in [0, 1], was %s",
        interpolationBeta);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was %s", beta1);
    checkArgument(halveEvery >= 0, "halveEvery must be >= 0, was %s", halveEvery);
  }

  /** Whether the discriminator also sees real images with wrong text (GAN-CLS). */
  public boolean matchingAware() {
    return loss.matchingAware();
  }

  /** Whether the generator also learns from interpolated text (GAN-INT). */
  public boolean interpolates() {
    return loss.interpolates();
  }

  public float learningRateAt(long step) {
    return halveEvery == 0
        ? learningRate
        : (float) (learningRate * Math.pow(0.5, Math.floor((double) step / halveEvery)));
  }

  /**
   * The defaults (Reed et al.'s, on the cpu preset): GAN-INT-CLS, batch 64, 4 captions averaged, β
   * 0.5, Adam 0.0002 with β1 0.5 never halved, seed 0, mirrored images, every recipe switch off.
   *
   * @param embeddingDim the caption embeddings' length, which G and D take
   */
  public static Builder builder(String dataset, String embeddings, int embeddingDim) {
    return new Builder(dataset, embeddings, embeddingDim);
  }

  /**
   * A new run's defaults on a dataset and its caption embeddings (absolute paths): the embeddings'
   * length, the learning rate halved every {@link #REED_HALVING_EPOCHS} epochs of the trainval
   * split, images mirrored except on the emoji data (whose art is not symmetric) and on scenes
   * (whose captions say left and right), and the {@linkplain GanRecipe#DEFAULT_NAME default
   * recipe}.
   */
  public static Builder defaultsFor(Path dataset, Path embeddings) {
    Path data = dataset.toAbsolutePath().normalize();
    Path folder = embeddings.toAbsolutePath().normalize();
    Dataset ds = Dataset.open(data);
    return builder(data.toString(), folder.toString(), CaptionEmbeddings.read(folder).dim())
        .halveEveryEpochs(REED_HALVING_EPOCHS, ds.manifest().records(Split.TRAINVAL))
        .flip(!ds.manifest().name().equals(EmojiDatasetOptions.NAME) && !SceneDataset.isScenes(ds))
        .recipe(GanRecipe.named(GanRecipe.DEFAULT_NAME));
  }

  /** This configuration's values, for a resume to check or change. */
  public Builder toBuilder() {
    Builder b = new Builder(dataset, embeddings, gan.embeddingDim());
    b.preset = preset;
    b.gan = gan;
    b.loss = loss;
    b.batchSize = batchSize;
    b.captionsAveraged = captionsAveraged;
    b.interpolationBeta = interpolationBeta;
    b.learningRate = learningRate;
    b.beta1 = beta1;
    b.halveEvery = halveEvery;
    b.seed = seed;
    b.flip = flip;
    b.precision = precision;
    b.recipe = recipe;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private String embeddings;
    private final int embeddingDim;
    private String preset = "cpu";
    private GanConfig gan;
    private Loss loss = Loss.INT_CLS;
    private int batchSize = 64;
    private int captionsAveraged = 4;
    private float interpolationBeta = 0.5f;
    private float learningRate = 2e-4f;
    private float beta1 = 0.5f;
    private long halveEvery;
    private long halvingEpochs;
    private long trainvalRecords;
    private long seed;
    private boolean flip = true;
    private Precision precision = Precision.FLOAT32;
    private GanRecipe recipe = GanRecipe.reed2016();

    private Builder(String dataset, String embeddings, int embeddingDim) {
      this.dataset = dataset;
      this.embeddings = embeddings;
      this.embeddingDim = embeddingDim;
    }

    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder embeddings(String embeddings) {
      this.embeddings = embeddings;
      return this;
    }

    /** A named network preset (cpu, reed, tiny), for the embeddings' length. */
    public Builder preset(String name) {
      this.preset = name;
      this.gan = null;
      return this;
    }

    /** A network of the caller's; the run records no preset name. */
    public Builder gan(GanConfig gan) {
      this.gan = gan;
      this.preset = null;
      return this;
    }

    public Builder loss(Loss loss) {
      this.loss = loss;
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

    /** Steps between halvings of the learning rate (0: never). */
    public Builder halveEvery(long steps) {
      this.halveEvery = steps;
      this.halvingEpochs = 0;
      return this;
    }

    /**
     * Halvings every {@code epochs} passes over {@code trainvalRecords} records, in steps of the
     * batch size the configuration ends up with.
     */
    public Builder halveEveryEpochs(long epochs, long trainvalRecords) {
      this.halvingEpochs = epochs;
      this.trainvalRecords = trainvalRecords;
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

    public Builder precision(Precision precision) {
      this.precision = precision;
      return this;
    }

    public Builder recipe(GanRecipe recipe) {
      this.recipe = recipe;
      return this;
    }

    /** The recipe this builder holds now, for switches applied on top of it. */
    public GanRecipe recipe() {
      return recipe;
    }

    public GanTrainingConfig build() {
      GanConfig network =
          gan != null ? gan : GanConfig.preset(preset).withEmbeddingDim(embeddingDim);
      long halving =
          halvingEpochs > 0
              ? halvingEpochs * Math.max(1, trainvalRecords / Math.max(1, batchSize))
              : halveEvery;
      return new GanTrainingConfig(
          dataset,
          embeddings,
          preset,
          network,
          loss,
          batchSize,
          captionsAveraged,
          interpolationBeta,
          learningRate,
          beta1,
          halving,
          seed,
          flip,
          precision,
          recipe);
    }
  }
}
