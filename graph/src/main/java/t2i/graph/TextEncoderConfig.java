package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import t2i.data.io.AbsentMeans;
import t2i.data.text.TextAlphabet;

/**
 * The char-CNN-RNN text encoder φ of Reed et al. (CVPR 2016), whose embeddings condition the GAN:
 * three 1-D convolutions with ReLU and max pooling over one-hot characters, a recurrent layer over
 * the remaining time steps, the mean of its hidden states, and a linear map to the embedding.
 *
 * @param alphabetSize one-hot depth (70)
 * @param length characters per caption (201)
 * @param convChannels output channels of the three convolutions (Reed: 384, 512, 256)
 * @param kernel convolution width (4)
 * @param pool max-pool width, also its stride except for the last pool (3)
 * @param lastPoolStride stride of the last pool (2), which leaves 8 steps of 201 characters
 * @param cell recurrent cell (Reed's hybrid: ReLU RNN)
 * @param hidden recurrent state size (256)
 * @param embeddingDim output size (1024)
 * @param initLimit weights start U(−initLimit, initLimit) (0.08)
 * @param alphabet what the characters are: Reed's 70 symbols ({@code reed70}) or UTF-8 bytes of
 *     normalised text in any language ({@code utf8}); {@code alphabetSize} is its size
 */
public record TextEncoderConfig(
    int alphabetSize,
    int length,
    List<Integer> convChannels,
    int kernel,
    int pool,
    int lastPoolStride,
    Layers.Cell cell,
    int hidden,
    int embeddingDim,
    float initLimit,
    @AbsentMeans("\"reed70\"") TextAlphabet alphabet) {

  /** Reed's alphabet, as every configuration saved before alphabets could be chosen. */
  public TextEncoderConfig(
      int alphabetSize,
      int length,
      List<Integer> convChannels,
      int kernel,
      int pool,
      int lastPoolStride,
      Layers.Cell cell,
      int hidden,
      int embeddingDim,
      float initLimit) {
    this(
        alphabetSize,
        length,
        convChannels,
        kernel,
        pool,
        lastPoolStride,
        cell,
        hidden,
        embeddingDim,
        initLimit,
        TextAlphabet.REED70);
  }

  public TextEncoderConfig {
    convChannels = List.copyOf(convChannels);
    checkArgument(alphabet != null, "alphabet is required");
    checkArgument(
        alphabetSize == alphabet.size(),
        "alphabetSize must be %s for the %s alphabet, was %s",
        alphabet.size(),
        alphabet,
        alphabetSize);
    checkArgument(
        length == alphabet.maxLength(),
        "length must be %s for the %s alphabet, was %s",
        alphabet.maxLength(),
        alphabet,
        length);
    checkArgument(convChannels.size() == 3, "three convolutions, got %s", convChannels);
    checkArgument(
        convChannels.stream().allMatch(c -> c > 0), "channels must be > 0: %s", convChannels);
    checkArgument(kernel > 0 && pool > 0 && lastPoolStride > 0, "kernel, pool, stride must be > 0");
    checkArgument(hidden > 0 && embeddingDim > 0, "hidden and embeddingDim must be > 0");
    checkArgument(initLimit > 0, "initLimit must be > 0, was %s", initLimit);
    int steps = timeSteps(length, kernel, pool, lastPoolStride);
    checkArgument(
        steps >= 2,
        "%s characters leave %s time steps after the convolutions; the RNN needs 2",
        length,
        steps);
  }

  /** Reed et al.'s hybrid char-CNN-RNN. */
  public static TextEncoderConfig reed() {
    return new TextEncoderConfig(
        70, 201, List.of(384, 512, 256), 4, 3, 2, Layers.Cell.RELU, 256, 1024, 0.08f);
  }

  /**
   * Reed's hybrid with a GRU instead of the ReLU RNN (the cell of Reed et al.'s ICML 2016 CUB
   * encoder): its state stays in (−1, 1), which keeps training stable when the image encoder is
   * trained too.
   */
  public static TextEncoderConfig gru() {
    return new TextEncoderConfig(
        70, 201, List.of(384, 512, 256), 4, 3, 2, Layers.Cell.GRU, 256, 1024, 0.08f);
  }

  /** A few thousand parameters, for tests. */
  public static TextEncoderConfig tiny() {
    return new TextEncoderConfig(
        70, 201, List.of(8, 8, 8), 4, 3, 2, Layers.Cell.RELU, 8, 16, 0.08f);
  }

  public static TextEncoderConfig preset(String name) {
    return switch (name) {
      case "reed" -> reed();
      case "gru" -> gru();
      case "tiny" -> tiny();
      default ->
          throw new IllegalArgumentException(
              "unknown text encoder preset '" + name + "' (reed, gru, tiny)");
    };
  }

  /** The same network reading another alphabet: only the one-hot depth changes. */
  public TextEncoderConfig withAlphabet(TextAlphabet other) {
    return new TextEncoderConfig(
        other.size(),
        other.maxLength(),
        convChannels,
        kernel,
        pool,
        lastPoolStride,
        cell,
        hidden,
        embeddingDim,
        initLimit,
        other);
  }

  /** Time steps the recurrent layer sees: 8 for Reed's settings. */
  public int timeSteps() {
    return timeSteps(length, kernel, pool, lastPoolStride);
  }

  private static int timeSteps(int length, int kernel, int pool, int lastStride) {
    int t = length;
    for (int i = 0; i < 3; i++) {
      t = t - kernel + 1;
      int stride = i == 2 ? lastStride : pool;
      t = t < pool ? 0 : (t - pool) / stride + 1;
    }
    return t;
  }
}
