package t2i.serving.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import t2i.serving.TensorValue;
import t2i.serving.local.LoadedModel;

/**
 * How a server runs a predict call: on the thread that handles the request, or, with {@link
 * ServerOptions#batching} set, joined with concurrent requests by a {@link BatchScheduler} on its
 * batch threads.
 */
public final class ModelRuns implements AutoCloseable {
  private final BatchScheduler batches; // null: no batching

  private ModelRuns(BatchScheduler batches) {
    this.batches = batches;
  }

  public static ModelRuns of(ServerOptions options) {
    return new ModelRuns(
        options.batching() == null
            ? null
            : new BatchScheduler(options.batching(), options.workers()));
  }

  /** As {@link LoadedModel#predict(String, Map, java.util.Collection, Duration)}. */
  public Map<String, TensorValue> predict(
      LoadedModel model,
      String signature,
      Map<String, TensorValue> inputs,
      List<String> outputFilter,
      Duration timeout) {
    return batches == null
        ? model.predict(signature, inputs, outputFilter, timeout)
        : batches.predict(model, signature, inputs, outputFilter, timeout);
  }

  /** Lets formed batches run (up to {@code grace}) and stops the batch threads. */
  public void close(Duration grace) {
    if (batches != null) {
      batches.close(grace);
    }
  }

  /** Whether no model run can still be under way. */
  public boolean isTerminated() {
    return batches == null || batches.isTerminated();
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
