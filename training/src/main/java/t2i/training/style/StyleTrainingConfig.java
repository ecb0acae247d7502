package t2i.training.style;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.graph.StyleEncoderConfig;

/**
 * A style run's configuration, saved as its {@code config.json}.
 *
 * @param gan the GAN run whose generator S inverts (frozen; its latest checkpoint when the style
 *     run started)
 * @param ganStep that checkpoint's step
 * @param style the encoder
 * @param batchSize samples of G per step
 * @param learningRate Adam's rate
 * @param beta1 Adam's β1
 * @param seed weights, texts and noise
 */
public record StyleTrainingConfig(
    String gan,
    long ganStep,
    StyleEncoderConfig style,
    int batchSize,
    float learningRate,
    float beta1,
    long seed) {
  public StyleTrainingConfig {
    checkArgument(gan != null && style != null, "gan and style are required");
    checkArgument(batchSize >= 1, "batch size must be >= 1, was %s", batchSize);
    checkArgument(learningRate > 0 && beta1 >= 0 && beta1 < 1, "bad Adam settings");
  }
}
