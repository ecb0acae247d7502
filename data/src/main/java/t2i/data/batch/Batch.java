package t2i.data.batch;

import t2i.data.image.Images;

/**
 * One training batch. Arrays are indexed by example; images are NHWC, RGB, in [−1, 1].
 *
 * @param index the batch's position in its pipeline's stream (0, 1, ...)
 * @param height the images' height: the {@link BatchOptions#cropSize}
 * @param width the images' width: the same
 * @param records index of each example's record in the {@link DecodedSplit}
 * @param classIds each example's class
 * @param captions a caption of each example's record, chosen at random
 * @param captionIndices which caption of the record {@code captions} is
 * @param wrongCaptions a caption of a record from a different class (GAN-CLS's "wrong text")
 * @param wrongRecords the record {@code wrongCaptions} come from
 * @param wrongCaptionIndices which caption of that record
 */
public record Batch(
    long index,
    int size,
    int height,
    int width,
    float[] images,
    int[] records,
    int[] classIds,
    String[] captions,
    int[] captionIndices,
    String[] wrongCaptions,
    int[] wrongRecords,
    int[] wrongCaptionIndices) {

  /** Channels per pixel: the datasets' RGB. */
  public int channels() {
    return Images.CHANNELS;
  }

  /** Values per image: height × width × channels. */
  public int imageLength() {
    return height * width * channels();
  }
}
