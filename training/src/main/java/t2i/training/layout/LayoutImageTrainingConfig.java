package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import t2i.data.DatasetManifest;
import t2i.data.scenes.SceneDataset;
import t2i.graph.layout.LayoutImageConfig;
import t2i.training.embedding.CaptionEmbeddings;

/**
 * Everything that defines a layout-conditioned image generator run ({@code LAYOUT_SPEC.md} §4, §5);
 * saved as the run's {@code config.json}. The generator trains on true label maps (the scenes'
 * visible masks) and true images, conditioned on precomputed caption embeddings ({@code t2i embed}:
 * for the emoji scenes, a box run's caption encoder, which knows word order).
 *
 * @param dataset the scenes dataset folder
 * @param embeddings the caption-embeddings folder of that dataset
 * @param classNames the object classes by id: the label map's channels
 * @param preset the name of the network preset {@code network} was made from, or null
 * @param network G and D
 * @param slots object slots per scene fed to the graph (the most objects a trainval scene holds;
 *     objects beyond it are dropped)
 * @param batchSize scenes per step, one caption each
 * @param learningRate Adam's rate for D and G (2e-4)
 * @param beta1 Adam's β1 (0.5)
 * @param reconstructionWeight λ of L_G = L_adv + λ · L_rec, the perceptual loss against the real
 *     image (the paper's 10)
 * @param seed weights, batches and noise
 */
public record LayoutImageTrainingConfig(
    String dataset,
    String embeddings,
    List<String> classNames,
    String preset,
    LayoutImageConfig network,
    int slots,
    int batchSize,
    float learningRate,
    float beta1,
    float reconstructionWeight,
    long seed) {

  public static final String DEFAULT_PRESET = "cpu";
  public static final int DEFAULT_BATCH = 64;
  public static final float DEFAULT_LEARNING_RATE = 2e-4f;
  public static final float DEFAULT_BETA1 = 0.5f;
  public static final float RECONSTRUCTION_WEIGHT = 10f;

  public LayoutImageTrainingConfig {
    checkArgument(
        dataset != null && embeddings != null && network != null,
        "dataset, embeddings and network are required");
    classNames = List.copyOf(classNames);
    checkArgument(
        classNames.size() == network.classes(),
        "%s class names for a network of %s classes",
        classNames.size(),
        network.classes());
    checkArgument(slots >= 1, "slots must be >= 1, was %s", slots);
    checkArgument(batchSize >= 2, "batch size must be >= 2 (batch norm), was %s", batchSize);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was %s", beta1);
    checkArgument(
        reconstructionWeight >= 0,
        "reconstructionWeight must be >= 0, was %s",
        reconstructionWeight);
  }

  /** The label of an empty object slot. */
  public int emptyLabel() {
    return network.classes();
  }

  /**
   * A new run's defaults on a scenes dataset and caption embeddings of it: its classes, the
   * embeddings' length, {@code maxObjects} slots, the cpu preset, batches of 64, Adam 2e-4 with β1
   * 0.5, λ 10, seed 0.
   */
  public static Builder defaultsFor(Path datasetDir, Path embeddingsDir, int maxObjects) {
    Path dir = datasetDir.toAbsolutePath().normalize();
    Path folder = embeddingsDir.toAbsolutePath().normalize();
    DatasetManifest m = SceneDataset.open(dir).dataset().manifest();
    Builder b = new Builder();
    b.dataset = dir.toString();
    b.embeddings = folder.toString();
    b.embeddingDim = CaptionEmbeddings.read(folder).dim();
    b.classNames = m.classes().stream().map(DatasetManifest.ClassEntry::name).toList();
    b.slots = maxObjects;
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataset = dataset;
    b.embeddings = embeddings;
    b.embeddingDim = network.embeddingDim();
    b.classNames = classNames;
    b.preset = preset;
    b.network = network;
    b.slots = slots;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.beta1 = beta1;
    b.reconstructionWeight = reconstructionWeight;
    b.seed = seed;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private String embeddings;
    private int embeddingDim;
    private List<String> classNames;
    private String preset = DEFAULT_PRESET;
    private LayoutImageConfig network;
    private int slots;
    private int batchSize = DEFAULT_BATCH;
    private float learningRate = DEFAULT_LEARNING_RATE;
    private float beta1 = DEFAULT_BETA1;
    private float reconstructionWeight = RECONSTRUCTION_WEIGHT;
    private long seed;

    private Builder() {}

    /** Another dataset folder (a resumed run refuses to change it). */
    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    /** Another caption-embeddings folder (a resumed run refuses to change it). */
    public Builder embeddings(String embeddings) {
      this.embeddings = embeddings;
      return this;
    }

    /** A network preset: cpu, paper or tiny ({@link LayoutImageConfig#preset}). */
    public Builder preset(String name) {
      LayoutImageConfig.preset(name, 1, 1); // refuses an unknown name now
      this.preset = name;
      this.network = null;
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

    public Builder reconstructionWeight(float weight) {
      this.reconstructionWeight = weight;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public LayoutImageTrainingConfig build() {
      checkArgument(slots >= 1, "the dataset's scenes hold no objects");
      LayoutImageConfig n =
          network != null
              ? network
              : LayoutImageConfig.preset(preset, classNames.size(), embeddingDim);
      return new LayoutImageTrainingConfig(
          dataset,
          embeddings,
          classNames,
          preset,
          n,
          slots,
          batchSize,
          learningRate,
          beta1,
          reconstructionWeight,
          seed);
    }
  }
}
