package t2i.data.batch;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.SplittableRandom;
import t2i.data.batch.BatchOptions.Sampling;
import t2i.data.image.Images;

/**
 * Makes batch {@code i} of a stream as a pure function of (options, i): the epoch permutations and
 * every random choice inside a batch derive from the seed and the index. Not thread-safe (it caches
 * the current epoch's permutation).
 */
public final class BatchSampler {

  private final DecodedSplit data;
  private final BatchOptions options;
  private long cachedEpoch = -1;
  private int[] cachedPermutation;

  public BatchSampler(DecodedSplit data, BatchOptions options) {
    checkArgument(
        data.classCount() >= 2,
        "batches need records of at least 2 classes (for mismatching captions), got %s",
        data.classCount());
    data.checkCrop(options.cropSize());
    if (options.sampling() == Sampling.DISTINCT_CLASSES) {
      checkArgument(
          options.batchSize() <= data.classCount(),
          "a batch of %s distinct classes needs that many classes; the split has %s",
          options.batchSize(),
          data.classCount());
    }
    this.data = data;
    this.options = options;
  }

  public Batch batch(long index) {
    int n = options.batchSize();
    int side = options.cropSize();
    int imageLength = side * side * Images.CHANNELS;
    float[] images = new float[n * imageLength];
    int[] records = new int[n];
    int[] classIds = new int[n];
    String[] captions = new String[n];
    int[] captionIndices = new int[n];
    String[] wrong = new String[n];
    int[] wrongRecords = new int[n];
    int[] wrongCaptionIndices = new int[n];

    SplittableRandom random = StepRandom.of(options.seed(), index, StepRandom.BATCHES);
    pickRecords(index, random, records);
    for (int j = 0; j < n; j++) {
      int r = records[j];
      classIds[j] = data.classId(r);
      captionIndices[j] = random.nextInt(data.captions(r).size());
      captions[j] = data.captions(r).get(captionIndices[j]);

      int otherClass;
      do {
        otherClass = data.classAt(random.nextInt(data.classCount()));
      } while (otherClass == classIds[j]);
      int[] candidates = data.recordsOf(otherClass);
      wrongRecords[j] = candidates[random.nextInt(candidates.length)];
      wrongCaptionIndices[j] = random.nextInt(data.captions(wrongRecords[j]).size());
      wrong[j] = data.captions(wrongRecords[j]).get(wrongCaptionIndices[j]);

      int maxX = data.width() - side;
      int maxY = data.height() - side;
      int x0 = options.randomCrop() ? random.nextInt(maxX + 1) : maxX / 2;
      int y0 = options.randomCrop() ? random.nextInt(maxY + 1) : maxY / 2;
      boolean mirror = options.flip() && random.nextBoolean();
      data.crop(r, x0, y0, side, mirror, images, j * imageLength);
    }
    return new Batch(
        index,
        n,
        side,
        side,
        images,
        records,
        classIds,
        captions,
        captionIndices,
        wrong,
        wrongRecords,
        wrongCaptionIndices);
  }

  private void pickRecords(long index, SplittableRandom random, int[] out) {
    int n = out.length;
    if (options.sampling() == Sampling.DISTINCT_CLASSES) {
      int[] classes = new int[data.classCount()];
      for (int i = 0; i < classes.length; i++) {
        classes[i] = data.classAt(i);
      }
      for (int j = 0; j < n; j++) { // partial Fisher–Yates: n distinct classes
        int k = j + random.nextInt(classes.length - j);
        int c = classes[k];
        classes[k] = classes[j];
        classes[j] = c;
        int[] candidates = data.recordsOf(c);
        out[j] = candidates[random.nextInt(candidates.length)];
      }
      return;
    }
    long size = data.size();
    for (int j = 0; j < n; j++) {
      long position = index * n + j;
      out[j] = permutation(position / size)[(int) (position % size)];
    }
  }

  private int[] permutation(long epoch) {
    if (epoch != cachedEpoch) {
      int[] p = new int[data.size()];
      for (int i = 0; i < p.length; i++) {
        p[i] = i;
      }
      SplittableRandom random = StepRandom.ofEpoch(options.seed(), epoch);
      for (int i = p.length - 1; i > 0; i--) {
        int k = random.nextInt(i + 1);
        int t = p[k];
        p[k] = p[i];
        p[i] = t;
      }
      cachedEpoch = epoch;
      cachedPermutation = p;
    }
    return cachedPermutation;
  }
}
