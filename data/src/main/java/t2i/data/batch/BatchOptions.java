package t2i.data.batch;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How batches are drawn.
 *
 * @param batchSize examples per batch
 * @param seed the stream's seed: same seed, same batches
 * @param sampling {@link Sampling#SHUFFLED_EPOCHS} for GAN training, {@link
 *     Sampling#DISTINCT_CLASSES} for the joint embedding (one record of each of {@code batchSize}
 *     different classes)
 * @param cropSize side of the square images in the batch: the side of the network they feed
 *     ({@value #DEFAULT_CROP_SIZE} by default)
 * @param randomCrop crop at a random offset (else centred)
 * @param flip mirror horizontally with probability ½
 * @param prefetch batches made ahead on the background thread
 * @param firstBatch index of the first batch, to resume a stream where it stopped
 */
public record BatchOptions(
    int batchSize,
    long seed,
    Sampling sampling,
    int cropSize,
    boolean randomCrop,
    boolean flip,
    int prefetch,
    long firstBatch) {

  /** The crop of {@link #defaults()}: the side of the default networks' images. */
  public static final int DEFAULT_CROP_SIZE = 64;

  /** How examples are chosen. */
  public enum Sampling {
    SHUFFLED_EPOCHS,
    DISTINCT_CLASSES
  }

  public BatchOptions {
    checkArgument(batchSize > 0, "batch size must be > 0, was %s", batchSize);
    checkArgument(cropSize > 0, "crop size must be > 0, was %s", cropSize);
    checkArgument(prefetch > 0, "prefetch must be > 0, was %s", prefetch);
    checkArgument(firstBatch >= 0, "first batch must be >= 0, was %s", firstBatch);
  }

  /**
   * Batch 64, seed 0, shuffled epochs, random crops of {@value #DEFAULT_CROP_SIZE}×{@value
   * #DEFAULT_CROP_SIZE} and flips, 4 batches ahead.
   */
  public static BatchOptions defaults() {
    return new BatchOptions(64, 0, Sampling.SHUFFLED_EPOCHS, DEFAULT_CROP_SIZE, true, true, 4, 0);
  }

  public BatchOptions withBatchSize(int batchSize) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }

  public BatchOptions withSeed(long seed) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }

  public BatchOptions withSampling(Sampling sampling) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }

  /** Crops of another side: the image side of the network the batches feed. */
  public BatchOptions withCropSize(int cropSize) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }

  public BatchOptions withAugmentation(boolean randomCrop, boolean flip) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }

  public BatchOptions withFirstBatch(long firstBatch) {
    return new BatchOptions(
        batchSize, seed, sampling, cropSize, randomCrop, flip, prefetch, firstBatch);
  }
}
