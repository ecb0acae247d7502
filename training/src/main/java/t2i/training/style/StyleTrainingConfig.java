package t2i.training.style;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.file.Path;
import t2i.data.io.AbsentMeans;
import t2i.error.UserException;
import t2i.graph.GanConfig;
import t2i.graph.StyleEncoderConfig;
import t2i.training.ImageGeometry;
import t2i.training.Precision;
import t2i.training.gan.GanModel;

/**
 * A style run's configuration, saved as its {@code config.json}.
 *
 * @param gan the GAN run whose generator S inverts (frozen; its latest checkpoint when the style
 *     run started)
 * @param ganStep that checkpoint's step
 * @param preset the name of the encoder preset {@code style} was made from, or null (a custom
 *     encoder, or a run folder older than this field)
 * @param style the encoder
 * @param batchSize samples of G per step
 * @param learningRate Adam's rate
 * @param beta1 Adam's β1
 * @param seed weights, texts and noise
 * @param precision the arithmetic of the convolutions and matrix products (variables stay float32)
 */
public record StyleTrainingConfig(
    String gan,
    long ganStep,
    String preset,
    StyleEncoderConfig style,
    int batchSize,
    float learningRate,
    float beta1,
    long seed,
    @AbsentMeans("\"float32\"") Precision precision) {
  public StyleTrainingConfig {
    checkArgument(gan != null && style != null, "gan and style are required");
    checkArgument(ganStep >= 0, "ganStep must be >= 0, was %s", ganStep);
    checkArgument(batchSize >= 1, "batch size must be >= 1, was %s", batchSize);
    checkArgument(learningRate > 0, "learning rate must be > 0, was %s", learningRate);
    checkArgument(beta1 >= 0 && beta1 < 1, "beta1 must be in [0, 1), was %s", beta1);
  }

  /**
   * The defaults: the cpu encoder, 64 samples per step, Adam 0.0002 with β1 0.5, seed 0.
   *
   * @param generator the GAN's networks: S outputs its z and takes its images
   */
  public static Builder builder(String ganRun, long ganStep, GanConfig generator) {
    return new Builder(
        ganRun, ganStep, generator.zDim(), generator.imageSize(), generator.imageChannels());
  }

  /** A new run's defaults for inverting the latest checkpoint of a GAN run. */
  public static Builder defaultsFor(Path ganRun) {
    Path run = ganRun.toAbsolutePath().normalize();
    try (GanModel model = GanModel.load(run, 1)) {
      return builder(run.toString(), model.checkpoint().step(), model.config().gan());
    }
  }

  /**
   * Checks that S inverts G of {@code generator} (from the GAN run {@code ganRun}): that it outputs
   * G's z and takes G's images.
   */
  public void checkInverts(GanConfig generator, String ganRun) {
    if (generator.zDim() != style.zDim()) {
      throw new UserException(
          String.format(
              "the style encoder outputs %d-d z; the GAN run %s draws from %d-d z",
              style.zDim(), ganRun, generator.zDim()));
    }
    ImageGeometry takes = ImageGeometry.of(style);
    ImageGeometry draws = ImageGeometry.of(generator);
    if (!takes.equals(draws)) {
      throw new UserException(
          String.format(
              "the style encoder takes %s images; the GAN run %s draws %s images",
              takes, ganRun, draws));
    }
  }

  /** This configuration's values, for a resume to check or change. */
  public Builder toBuilder() {
    Builder b = new Builder(gan, ganStep, style.zDim(), style.imageSize(), style.imageChannels());
    b.preset = preset;
    b.style = style;
    b.batchSize = batchSize;
    b.learningRate = learningRate;
    b.beta1 = beta1;
    b.seed = seed;
    b.precision = precision;
    return b;
  }

  /** The defaults, then what the caller sets. */
  public static final class Builder {
    private String gan;
    private final long ganStep;
    private final int zDim;
    private final int imageSize;
    private final int imageChannels;
    private String preset = "cpu";
    private StyleEncoderConfig style;
    private int batchSize = 64;
    private float learningRate = 2e-4f;
    private float beta1 = 0.5f;
    private long seed;
    private Precision precision = Precision.FLOAT32;

    private Builder(String gan, long ganStep, int zDim, int imageSize, int imageChannels) {
      this.gan = gan;
      this.ganStep = ganStep;
      this.zDim = zDim;
      this.imageSize = imageSize;
      this.imageChannels = imageChannels;
    }

    public Builder gan(String ganRun) {
      this.gan = ganRun;
      return this;
    }

    /** A named encoder preset (cpu, tiny), for G's z and images. */
    public Builder preset(String name) {
      this.preset = name;
      this.style = null;
      return this;
    }

    /** An encoder of the caller's; the run records no preset name. */
    public Builder style(StyleEncoderConfig style) {
      this.style = style;
      this.preset = null;
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

    public Builder precision(Precision precision) {
      this.precision = precision;
      return this;
    }

    public StyleTrainingConfig build() {
      return new StyleTrainingConfig(
          gan,
          ganStep,
          preset,
          style != null
              ? style
              : StyleEncoderConfig.preset(preset, zDim).withImage(imageSize, imageChannels),
          batchSize,
          learningRate,
          beta1,
          seed,
          precision);
    }
  }
}
