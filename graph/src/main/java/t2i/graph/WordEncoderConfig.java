package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A word-level caption encoder ({@link WordEncoder}): words hashed into buckets, embedded, read by
 * an LSTM each way.
 *
 * @param buckets hash buckets of the words (a vocabulary that needs no file: unseen words land in a
 *     bucket like any other)
 * @param maxWords words read per caption; later words are dropped
 * @param wordDim size of a word's embedding
 * @param hidden LSTM state size, each direction
 * @param embeddingDim output size
 * @param initLimit weights start U(−initLimit, initLimit)
 */
public record WordEncoderConfig(
    int buckets, int maxWords, int wordDim, int hidden, int embeddingDim, float initLimit) {

  public WordEncoderConfig {
    checkArgument(buckets >= 2, "buckets must be >= 2, was %s", buckets);
    checkArgument(maxWords >= 1, "maxWords must be >= 1, was %s", maxWords);
    checkArgument(wordDim > 0 && hidden > 0 && embeddingDim > 0, "sizes must be > 0");
    checkArgument(initLimit > 0, "initLimit must be > 0, was %s", initLimit);
  }

  /** 8,192 buckets, 40 words, 128-value words, 256 each way, 256 out. */
  public static WordEncoderConfig defaults() {
    return new WordEncoderConfig(8192, 40, 128, 256, 256, 0.08f);
  }

  /** A few thousand parameters, for tests. */
  public static WordEncoderConfig tiny() {
    return new WordEncoderConfig(64, 12, 4, 4, 8, 0.08f);
  }
}
