package t2i.training.layout;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import java.util.List;
import t2i.data.DatasetManifest;
import t2i.data.scenes.SceneDataset;
import t2i.graph.layout.ShapeGeneratorConfig;

/**
 * Everything that defines a shape-generator run; saved as the run's {@code config.json}. The
 * generator learns true boxes → true visible masks (LAYOUT_SPEC §1: the stages train apart).
 *
 * @param dataset the scenes dataset folder
 * @param classNames the object classes by id
 * @param preset the name of the generator preset ({@code cpu}, {@code tiny})
 * @param generator the networks' sizes
 * @param batchSize scenes per step (each with all its objects)
 * @param learningRate Adam's rate for G and both Ds (2e-4, the project's GAN default)
 * @param beta1 Adam's β1 (0.5)
 * @param seed weights, batches and noise
 */
public record ShapesConfig(
    String dataset,
    List<String> classNames,
    String preset,
    ShapeGeneratorConfig generator,
    int batchSize,
    float learningRate,
    float beta1,
    long seed) {

  public static final int DEFAULT_BATCH = 32;
  public static final float DEFAULT_LEARNING_RATE = 2e-4f;
  public static final float DEFAULT_BETA1 = 0.5f;
  public static final String DEFAULT_PRESET = "cpu";

  public ShapesConfig {
    checkArgument(dataset != null, "dataset is required");
    classNames = List.copyOf(classNames);
    checkArgument(
        classNames.size() == generator.classes(),
        "%s class names for a generator of %s classes",
        classNames.size(),
        generator.classes());
    checkArgument(batchSize >= 1, "batchSize must be >= 1, was %s", batchSize);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was %s", beta1);
  }

  /** The label of an empty slot. */
  public int emptyLabel() {
    return generator.classes();
  }

  /**
   * Defaults for a scenes dataset: the {@code cpu} preset with as many slots as the most objects a
   * scene holds, batches of 32, Adam 2e-4 with β1 0.5, seed 0.
   */
  public static Builder defaultsFor(Path datasetDir, int maxObjectsInData) {
    Path dir = datasetDir.toAbsolutePath().normalize();
    DatasetManifest m = SceneDataset.open(dir).dataset().manifest();
    Builder b = new Builder();
    b.dataset = dir.toString();
    b.classNames = m.classes().stream().map(DatasetManifest.ClassEntry::name).toList();
    b.slots = maxObjectsInData;
    b.side = m.imageWidth();
    return b;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.dataset = dataset;
    b.classNames = classNames;
    b.slots = generator.slots();
    b.side = generator.side();
    b.preset = preset;
    b.generator = generator;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.beta1 = beta1;
    b.seed = seed;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String dataset;
    private List<String> classNames;
    private int slots;
    private int side;
    private String preset = DEFAULT_PRESET;
    private ShapeGeneratorConfig generator;
    private int batchSize = DEFAULT_BATCH;
    private float learningRate = DEFAULT_LEARNING_RATE;
    private float beta1 = DEFAULT_BETA1;
    private long seed;

    private Builder() {}

    /** {@code cpu} or {@code tiny} ({@link ShapeGeneratorConfig#preset}). */
    public Builder preset(String name) {
      ShapeGeneratorConfig.preset(name, 1, 1, 16); // rejects an unknown name now
      this.preset = name;
      this.generator = null;
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

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public ShapesConfig build() {
      checkArgument(slots >= 1, "the dataset's scenes hold no objects");
      ShapeGeneratorConfig g =
          generator != null
              ? generator
              : ShapeGeneratorConfig.preset(preset, classNames.size(), slots, side);
      return new ShapesConfig(dataset, classNames, preset, g, batchSize, learningRate, beta1, seed);
    }
  }
}
