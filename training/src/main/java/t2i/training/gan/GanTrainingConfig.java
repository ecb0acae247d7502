package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.graph.GanConfig;

/**
 * A GAN run's configuration, saved as its {@code config.json}.
 *
 * @param dataset the dataset folder
 * @param embeddings the caption-embeddings folder ({@code t2i embed})
 * @param gan the networks
 * @param loss {@code gan}, {@code cls}, {@code int} or {@code int-cls}
 * @param batchSize images per step (64)
 * @param captionsAveraged caption embeddings averaged per image (Reed: 4)
 * @param interpolationBeta GAN-INT's β: each mixed text is (1 − β)·its text + β·the next one's
 *     ({@link t2i.training.Interpolation}; 0.5)
 * @param learningRate Adam's rate for D and G (0.0002), halved every {@code halveEvery} steps
 * @param beta1 Adam's β1 (0.5)
 * @param halveEvery steps between halvings of the learning rate (0: never)
 * @param seed weights, batches and noise
 * @param flip mirror training images at random (off for emoji)
 */
public record GanTrainingConfig(
    String dataset,
    String embeddings,
    GanConfig gan,
    String loss,
    int batchSize,
    int captionsAveraged,
    float interpolationBeta,
    float learningRate,
    float beta1,
    long halveEvery,
    long seed,
    boolean flip) {

  public GanTrainingConfig {
    checkArgument(
        dataset != null && embeddings != null && gan != null && loss != null,
        "dataset, embeddings, gan and loss are required");
    checkArgument(
        loss.equals("gan") || loss.equals("cls") || loss.equals("int") || loss.equals("int-cls"),
        "loss must be gan, cls, int or int-cls, was %s",
        loss);
    checkArgument(
        batchSize >= 2 && batchSize % 2 == 0, "batch size must be even, was %s", batchSize);
    checkArgument(captionsAveraged >= 1, "captionsAveraged must be >= 1");
    checkArgument(learningRate > 0 && beta1 >= 0 && beta1 < 1, "bad Adam settings");
    checkArgument(halveEvery >= 0, "halveEvery must be >= 0");
  }

  /** Whether the discriminator also sees real images with wrong text (GAN-CLS). */
  public boolean matchingAware() {
    return loss.equals("cls") || loss.equals("int-cls");
  }

  /** Whether the generator also learns from interpolated text (GAN-INT). */
  public boolean interpolates() {
    return loss.equals("int") || loss.equals("int-cls");
  }

  public float learningRateAt(long step) {
    return halveEvery == 0
        ? learningRate
        : (float) (learningRate * Math.pow(0.5, Math.floor((double) step / halveEvery)));
  }
}
