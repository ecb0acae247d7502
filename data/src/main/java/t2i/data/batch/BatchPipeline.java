package t2i.data.batch;

import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * An endless stream of batches made ahead by a daemon thread. Batch {@code i} is always {@link
 * BatchSampler#batch}{@code (i)}, whatever the timing, so runs are reproducible; {@link
 * BatchOptions#firstBatch} starts the stream anywhere.
 */
public final class BatchPipeline implements Iterator<Batch>, AutoCloseable {
  private final BlockingQueue<Object> queue;
  private final Thread producer;
  private volatile boolean closed;

  public BatchPipeline(DecodedSplit data, BatchOptions options) {
    BatchSampler sampler = new BatchSampler(data, options);
    this.queue = new ArrayBlockingQueue<>(options.prefetch());
    this.producer =
        new Thread(
            () -> {
              try {
                for (long i = options.firstBatch(); !closed; i++) {
                  queue.put(sampler.batch(i));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | Error e) {
                queue.offer(e);
              }
            },
            "t2i-batches");
    producer.setDaemon(true);
    producer.start();
  }

  @Override
  public boolean hasNext() {
    return !closed;
  }

  @Override
  public Batch next() {
    if (closed) {
      throw new IllegalStateException("pipeline is closed");
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a batch", e);
    }
    if (item instanceof RuntimeException e) {
      throw e;
    }
    if (item instanceof Error e) {
      throw e;
    }
    return (Batch) item;
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
  }
}
