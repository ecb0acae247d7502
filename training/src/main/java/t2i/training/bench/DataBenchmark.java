package t2i.training.bench;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.data.Dataset;
import t2i.data.Progress;
import t2i.data.Split;
import t2i.data.batch.Batch;
import t2i.data.batch.BatchOptions;
import t2i.data.batch.BatchPipeline;
import t2i.data.batch.DecodedSplit;
import t2i.training.BatchTensors;

/**
 * Measures the batch pipeline as a trainer uses it: batches taken from the prefetch thread, then
 * the same with the copy into the tensors a training step feeds.
 */
public final class DataBenchmark {
  /** Figures of one run. */
  public record Result(
      String dataset,
      String split,
      int records,
      int batchSize,
      int imageSize,
      int batches,
      double decodeSeconds,
      double pipelineBatchesPerSecond,
      double tensorBatchesPerSecond,
      String machine) {

    public String format() {
      return String.format(
          Locale.ROOT,
          "dataset         %s (%s, %,d records)%n"
              + "batch           %d images %dx%d (random crop when stored larger) + flip,"
              + " matching + mismatching captions%n"
              + "measured        %d batches per phase, after warm-up%n"
              + "decode split    %.2f s (once per run, before training)%n"
              + "pipeline        %.1f batches/s  (%,.0f images/s)%n"
              + "pipeline+copy   %.1f batches/s  (%,.0f images/s)  into float32 images and int32"
              + " chars%n"
              + "machine         %s%n",
          dataset,
          split,
          records,
          batchSize,
          imageSize,
          imageSize,
          batches,
          decodeSeconds,
          pipelineBatchesPerSecond,
          pipelineBatchesPerSecond * batchSize,
          tensorBatchesPerSecond,
          tensorBatchesPerSecond * batchSize,
          machine);
    }
  }

  private final Dataset dataset;
  private final Split split;
  private final int batchSize;
  private final int batches;
  private final int warmup;
  private final long seed;

  public DataBenchmark(
      Dataset dataset, Split split, int batchSize, int batches, int warmup, long seed) {
    checkArgument(batches > 0, "batches must be > 0, was %s", batches);
    checkArgument(warmup >= 0, "warmup must be >= 0, was %s", warmup);
    this.dataset = dataset;
    this.split = split;
    this.batchSize = batchSize;
    this.batches = batches;
    this.warmup = warmup;
    this.seed = seed;
  }

  public Result run(Progress progress) {
    long t0 = System.nanoTime();
    DecodedSplit data = DecodedSplit.load(dataset, split, progress);
    double decodeSeconds = (System.nanoTime() - t0) / 1e9;
    BatchOptions options = BatchOptions.defaults().withBatchSize(batchSize).withSeed(seed);
    double pipeline = measure(data, options, false, progress);
    double withTensors = measure(data, options, true, progress);
    return new Result(
        dataset.dir().toString(),
        split.fileName(),
        data.size(),
        batchSize,
        options.cropSize(),
        batches,
        decodeSeconds,
        pipeline,
        withTensors,
        Machine.describe());
  }

  private double measure(
      DecodedSplit data, BatchOptions options, boolean tensors, Progress progress) {
    progress.start(tensors ? "batches + tensor copy" : "batches", warmup + batches);
    try (BatchPipeline pipeline = new BatchPipeline(data, options)) {
      long start = 0;
      long checksum = 0;
      for (int i = 0; i < warmup + batches; i++) {
        if (i == warmup) {
          start = System.nanoTime();
        }
        Batch b = pipeline.next();
        if (tensors) {
          try (TFloat32 images = BatchTensors.images(b);
              TInt32 right = BatchTensors.chars(b.captions());
              TInt32 wrong = BatchTensors.chars(b.wrongCaptions())) {
            checksum += images.shape().size() + right.shape().size() + wrong.shape().size();
          }
        } else {
          checksum += b.images().length;
        }
        progress.advance(1);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      progress.finish();
      if (checksum == 0) {
        throw new IllegalStateException("benchmark consumed no data");
      }
      return batches / seconds;
    }
  }
}
