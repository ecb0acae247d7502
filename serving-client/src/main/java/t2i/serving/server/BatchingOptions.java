package t2i.serving.server;

import static com.google.common.base.Preconditions.checkArgument;

import java.time.Duration;

/**
 * Server-side batching as TF Serving's {@code --enable_batching} offers it: concurrent requests for
 * the same signature are joined along their first dimension into one model run.
 *
 * @param maxBatchSize rows (images) in one model run; a batch closes when the next request would
 *     overflow it; a request larger than this runs alone
 * @param batchTimeout how long the first request of a batch waits for others (TF Serving's {@code
 *     batch_timeout_micros})
 * @param maxEnqueuedBatches batches waiting to run, per signature; beyond them a request is refused
 *     at once (503, UNAVAILABLE), as TF Serving's {@code max_enqueued_batches}
 */
public record BatchingOptions(int maxBatchSize, Duration batchTimeout, int maxEnqueuedBatches) {
  public BatchingOptions {
    checkArgument(maxBatchSize >= 1, "the largest batch must be >= 1, was %s", maxBatchSize);
    checkArgument(!batchTimeout.isNegative(), "the batch timeout must be >= 0");
    checkArgument(
        maxEnqueuedBatches >= 1, "enqueued batches must be >= 1, was %s", maxEnqueuedBatches);
  }

  /** 16 images, 2 ms, 64 batches. */
  public static BatchingOptions defaults() {
    return new BatchingOptions(16, Duration.ofMillis(2), 64);
  }
}
