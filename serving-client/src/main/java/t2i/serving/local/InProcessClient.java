package t2i.serving.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.PredictClient;
import t2i.serving.TensorValue;

/** A {@link PredictClient} over SavedModels loaded in this JVM. */
public final class InProcessClient implements PredictClient {
  private final ModelRepository repository;
  private final boolean owned;

  private InProcessClient(ModelRepository repository, boolean owned) {
    this.repository = repository;
    this.owned = owned;
  }

  /** Loads every model under a folder in TF Serving's layout; {@link #close} unloads them. */
  public static InProcessClient open(Path modelsDir) {
    return new InProcessClient(ModelRepository.load(modelsDir), true);
  }

  /** Loads one model (every version of it) from a folder in TF Serving's layout. */
  public static InProcessClient open(Path modelsDir, String model) {
    return new InProcessClient(ModelRepository.load(modelsDir, model::equals), true);
  }

  /** A client over models someone else owns and closes. */
  public static InProcessClient over(ModelRepository repository) {
    return new InProcessClient(repository, false);
  }

  @Override
  public Map<String, TensorValue> predict(
      ModelSpec model, String signatureName, Map<String, TensorValue> inputs) {
    return repository.find(model).predict(signatureName, inputs, null);
  }

  @Override
  public ModelMetadata metadata(ModelSpec model) {
    return repository.find(model).metadata();
  }

  @Override
  public List<ModelVersionStatus> status(ModelSpec model) {
    return repository.status(model);
  }

  @Override
  public void close() {
    if (owned) {
      repository.close();
    }
  }
}
