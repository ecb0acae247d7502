package t2i.serving;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/** A signature def: its method name and its named inputs and outputs, sorted by name. */
public record SignatureInfo(
    String methodName, Map<String, TensorSpec> inputs, Map<String, TensorSpec> outputs) {
  /** The key TF Serving uses when a request names no signature. */
  public static final String DEFAULT_KEY = "serving_default";

  /** The method name TF Serving's predict API expects. */
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";

  public SignatureInfo {
    inputs = ImmutableSortedMap.copyOf(inputs);
    outputs = ImmutableSortedMap.copyOf(outputs);
  }
}
