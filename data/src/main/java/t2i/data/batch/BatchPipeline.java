package t2i.data.batch;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import t2i.error.UserException;

/**
 * An endless stream of batches made ahead by a daemon thread. Batch {@code i} is always {@link
 * BatchSampler#batch}{@code (i)}, whatever the timing, so runs are reproducible; {@link
 * BatchOptions#firstBatch} starts the stream anywhere. If making a batch fails, every later {@link
 * #next()} throws that failure; after {@link #close()}, {@link #next()} throws at once.
 */
public final class BatchPipeline implements Iterator<Batch>, AutoCloseable {
  private static final long POLL_MILLIS = 100;

  private final BlockingQueue<Batch> queue;
  private final Thread producer;
  private volatile Throwable failure;
  private volatile boolean closed;

  public BatchPipeline(DecodedSplit data, BatchOptions options) {
    this(new BatchSampler(data, options)::batch, options.firstBatch(), options.prefetch());
  }

  /** Batches {@code make(first)}, {@code make(first + 1)}, ... made ahead on a daemon thread. */
  BatchPipeline(LongFunction<Batch> make, long first, int prefetch) {
    this.queue = new ArrayBlockingQueue<>(prefetch);
    this.producer =
        new Thread(
            () -> {
              try {
                for (long i = first; !closed; i++) {
                  queue.put(make.apply(i));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                failure = e;
              }
            },
            "t2i-batches");
    producer.setDaemon(true);
    producer.start();
  }

  @Override
  public boolean hasNext() {
    return !closed && failure == null;
  }

  @Override
  public Batch next() {
    while (true) {
      if (closed) {
        throw new IllegalStateException("batch pipeline is closed");
      }
      Batch batch;
      try {
        batch = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for a batch", e);
      }
      if (batch != null) {
        return batch;
      }
      Throwable f = failure;
      if (f != null) {
        if (f instanceof UserException d) {
          throw new UserException(d.getMessage(), d);
        }
        throw new IllegalStateException("making a batch failed: " + f, f);
      }
      if (!producer.isAlive() && queue.isEmpty()) {
        throw new IllegalStateException("the batch thread stopped without an error");
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    try {
      producer.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }
}
