package t2i.serving;

import java.util.List;
import java.util.Map;

/**
 * TF Serving's predict API: named input tensors in, named output tensors out, for one signature of
 * one model version. Two backends give the same answers for the same inputs: {@link
 * t2i.serving.local.InProcessClient} (SavedModels loaded in this JVM) and {@link
 * t2i.serving.rest.RestClient} (TF Serving's REST API, or this project's {@code t2i serve}).
 * Implementations are thread-safe. Failures are {@link ServingException}s carrying TF Serving's
 * HTTP status and message.
 */
public interface PredictClient extends AutoCloseable {
  /**
   * Runs a signature.
   *
   * @param signatureName the signature key; null or empty means {@code serving_default}
   * @param inputs every input of the signature, by name
   * @return every output of the signature, by name
   */
  Map<String, TensorValue> predict(
      ModelSpec model, String signatureName, Map<String, TensorValue> inputs);

  /** The signature defs of the model version the spec resolves to. */
  ModelMetadata metadata(ModelSpec model);

  /** The versions of a model (only the given one if the spec names a version), highest first. */
  List<ModelVersionStatus> status(ModelSpec model);

  @Override
  void close();
}
