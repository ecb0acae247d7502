package t2i.serving.bench;

import java.util.List;
import java.util.Map;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.PredictClient;
import t2i.serving.TensorValue;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.ModelRuns;
import t2i.serving.server.ServerOptions;

/**
 * In-process predict calls run as the servers run them ({@link ModelRuns}): with the options'
 * batching, concurrent calls are joined on the same batch threads the servers would use, so that
 * batching's gain is also measured without a transport. {@link #close} stops those threads, not the
 * models.
 */
final class BatchingInProcessClient implements PredictClient {
  private final ModelRepository models;
  private final ModelRuns runs;

  BatchingInProcessClient(ModelRepository models, ServerOptions options) {
    this.models = models;
    this.runs = ModelRuns.of(options);
  }

  @Override
  public Map<String, TensorValue> predict(
      ModelSpec model, String signatureName, Map<String, TensorValue> inputs) {
    return runs.predict(models.find(model), signatureName, inputs, List.of(), null);
  }

  @Override
  public ModelMetadata metadata(ModelSpec model) {
    return models.find(model).metadata();
  }

  @Override
  public List<ModelVersionStatus> status(ModelSpec model) {
    return models.status(model);
  }

  @Override
  public void close() {
    runs.close();
  }
}
