package t2i.serving.server;

import com.google.common.util.concurrent.Uninterruptibles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;
import t2i.serving.local.LoadedModel;

/**
 * Runs predict calls, joining concurrent requests for the same model version, signature and output
 * filter into one model run along their first dimension ({@link BatchingOptions}), as TF Serving's
 * batching does. Each request is checked on its own first, so a bad one fails alone. A batch closes
 * when it is full or when its first request has waited the batch timeout, and runs on one of a
 * fixed number of batch threads; the callers wait for their rows. Signatures whose inputs and
 * outputs do not all have a free first dimension, and requests larger than a batch, run alone on
 * the same threads.
 */
public final class BatchScheduler implements AutoCloseable {
  private record Key(LoadedModel model, String signature, List<String> outputFilter) {}

  /** One request waiting in a batch. */
  private record Task(
      Map<String, TensorValue> inputs,
      int rows,
      Duration timeout,
      CompletableFuture<Map<String, TensorValue>> result) {}

  /** The batch still taking requests for a key, and how many of the key's batches wait to run. */
  private static final class Queue {
    List<Task> open;
    int openRows;
    int waiting;
  }

  private final BatchingOptions options;
  private final ExecutorService batchThreads;
  private final ScheduledExecutorService timer;
  private final Map<Key, Queue> queues = new HashMap<>(); // guarded by itself

  /**
   * @param threads model runs at once (the server's workers)
   */
  public BatchScheduler(BatchingOptions options, int threads) {
    this.options = options;
    AtomicInteger count = new AtomicInteger();
    this.batchThreads =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "t2i-batch-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "t2i-batch-timer");
              t.setDaemon(true);
              return t;
            });
  }

  /** As {@link LoadedModel#predict(String, Map, java.util.Collection, Duration)}, batched. */
  public Map<String, TensorValue> predict(
      LoadedModel model,
      String signatureName,
      Map<String, TensorValue> inputs,
      List<String> outputFilter,
      Duration timeout) {
    String key =
        signatureName == null || signatureName.isEmpty()
            ? SignatureInfo.DEFAULT_KEY
            : signatureName;
    SignatureInfo signature = model.metadata().signature(key);
    LoadedModel.checkInputs(signature, inputs);
    int rows = rows(signature, inputs);
    CompletableFuture<Map<String, TensorValue>> result;
    if (rows < 0 || rows > options.maxBatchSize()) {
      result =
          CompletableFuture.supplyAsync(
              () -> model.predict(key, inputs, outputFilter, timeout), batchThreads);
    } else {
      result = new CompletableFuture<>();
      enqueue(
          new Key(model, key, List.copyOf(outputFilter)), new Task(inputs, rows, timeout, result));
    }
    try {
      return Uninterruptibles.getUninterruptibly(result);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The rows of a request that can join a batch: the common first dimension of its inputs, when
   * every input and output of the signature has a free first dimension; else -1.
   */
  static int rows(SignatureInfo signature, Map<String, TensorValue> inputs) {
    for (TensorSpec spec : signature.inputs().values()) {
      if (!batchable(spec)) {
        return -1;
      }
    }
    for (TensorSpec spec : signature.outputs().values()) {
      if (!batchable(spec)) {
        return -1;
      }
    }
    long rows = -1;
    for (TensorValue v : inputs.values()) {
      if (rows >= 0 && v.dim(0) != rows) {
        return -1;
      }
      rows = v.dim(0);
    }
    return rows <= 0 || rows > Integer.MAX_VALUE ? -1 : (int) rows;
  }

  private static boolean batchable(TensorSpec spec) {
    return !spec.unknownRank() && !spec.dims().isEmpty() && spec.dims().get(0) == -1;
  }

  private void enqueue(Key key, Task task) {
    List<Task> full = null;
    List<Task> overflowing = null;
    synchronized (queues) {
      Queue q = queues.computeIfAbsent(key, k -> new Queue());
      if (q.open != null && q.openRows + task.rows() > options.maxBatchSize()) {
        overflowing = close(q);
      }
      if (q.open == null) {
        if (q.waiting >= options.maxEnqueuedBatches()) {
          task.result()
              .completeExceptionally(
                  new ServingException(
                      503, "The batch scheduling queue to which this task was submitted is full"));
          run(key, overflowing);
          return;
        }
        q.open = new ArrayList<>();
        q.openRows = 0;
        List<Task> batch = q.open;
        timer.schedule(
            () -> closeIfOpen(key, batch), options.batchTimeout().toNanos(), TimeUnit.NANOSECONDS);
      }
      q.open.add(task);
      q.openRows += task.rows();
      if (q.openRows == options.maxBatchSize()) {
        full = close(q);
      }
    }
    run(key, overflowing);
    run(key, full);
  }

  private void closeIfOpen(Key key, List<Task> batch) {
    List<Task> closed = null;
    synchronized (queues) {
      Queue q = queues.get(key);
      if (q != null && q.open == batch) {
        closed = close(q);
      }
    }
    run(key, closed);
  }

  /** Takes the open batch off the queue; it now waits to run. Called holding the lock. */
  private static List<Task> close(Queue q) {
    List<Task> batch = q.open;
    q.open = null;
    q.openRows = 0;
    q.waiting++;
    return batch;
  }

  private void run(Key key, List<Task> batch) {
    if (batch == null) {
      return;
    }
    try {
      batchThreads.execute(() -> runNow(key, batch));
    } catch (RuntimeException e) {
      finished(key);
      ServingException refused = new ServingException(503, "the server is shutting down");
      batch.forEach(t -> t.result().completeExceptionally(refused));
    }
  }

  private void runNow(Key key, List<Task> batch) {
    synchronized (queues) {
      queues.get(key).waiting--;
    }
    try {
      Map<String, TensorValue> outputs =
          key.model().predict(key.signature(), join(batch), key.outputFilter(), timeout(batch));
      int from = 0;
      for (Task t : batch) {
        Map<String, TensorValue> mine = new LinkedHashMap<>();
        for (Map.Entry<String, TensorValue> e : outputs.entrySet()) {
          mine.put(e.getKey(), e.getValue().rows(from, from + t.rows()));
        }
        from += t.rows();
        t.result().complete(mine);
      }
    } catch (RuntimeException e) {
      batch.forEach(t -> t.result().completeExceptionally(e));
    }
  }

  private void finished(Key key) {
    synchronized (queues) {
      queues.get(key).waiting--;
    }
  }

  private static Map<String, TensorValue> join(List<Task> batch) {
    if (batch.size() == 1) {
      return batch.get(0).inputs();
    }
    Map<String, TensorValue> joined = new LinkedHashMap<>();
    for (String name : batch.get(0).inputs().keySet()) {
      List<TensorValue> parts = new ArrayList<>(batch.size());
      batch.forEach(t -> parts.add(t.inputs().get(name)));
      joined.put(name, TensorValue.concat(parts));
    }
    return joined;
  }

  /** The longest of the batch's deadlines (zero, none, is the longest), so none is cut short. */
  private static Duration timeout(List<Task> batch) {
    Duration longest = Duration.ZERO;
    for (Task t : batch) {
      if (t.timeout() == null || t.timeout().isZero()) {
        return Duration.ZERO;
      }
      if (t.timeout().compareTo(longest) > 0) {
        longest = t.timeout();
      }
    }
    return longest;
  }

  /** Runs the batches already formed, then stops the threads (waiting up to {@code grace}). */
  public void close(Duration grace) {
    List<Map.Entry<Key, List<Task>>> open = new ArrayList<>();
    synchronized (queues) {
      queues.forEach(
          (key, q) -> {
            if (q.open != null) {
              open.add(Map.entry(key, close(q)));
            }
          });
    }
    open.forEach(e -> run(e.getKey(), e.getValue()));
    timer.shutdownNow();
    batchThreads.shutdown();
    try {
      batchThreads.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isTerminated() {
    return batchThreads.isTerminated();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
