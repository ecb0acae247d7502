package t2i.serving;

import java.util.Map;

/** Checks on a predict call's outputs, with errors that name the model and signature. */
final class ModelOutputs {
  private ModelOutputs() {}

  /** Output {@code name}, which must exist with type {@code dtype}. */
  static TensorValue require(
      Map<String, TensorValue> outputs,
      String name,
      DType dtype,
      ModelSpec model,
      String signature) {
    TensorValue t = outputs.get(name);
    if (t == null || t.dtype() != dtype) {
      throw new IllegalStateException(
          model.describe()
              + " has no "
              + dtype.protoName()
              + " output '"
              + name
              + "' in "
              + signature
              + "; outputs were "
              + outputs.keySet());
    }
    return t;
  }

  /** Output {@code name} as {@link #require}, with {@code n} rows. */
  static TensorValue rows(
      Map<String, TensorValue> outputs,
      String name,
      DType dtype,
      ModelSpec model,
      String signature,
      int n) {
    TensorValue t = require(outputs, name, dtype, model, signature);
    if (t.rank() < 1 || t.dim(0) != n) {
      throw new IllegalStateException(
          model.describe() + " returned " + name + " " + t + " for " + n + " texts");
    }
    return t;
  }
}
