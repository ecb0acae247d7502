package t2i.it;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.NdArray;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Run in a child JVM by {@link TensorFlowErrorLog}: loads the SavedModel of the first argument as
 * TF Serving would (tag {@code serve}, TensorFlow's default session options) and calls each of its
 * signatures once on a batch of two made-up inputs, so that TensorFlow prepares every signature's
 * graph.
 */
public final class SignatureCallProbe {
  private static final int BATCH = 2;

  private SignatureCallProbe() {}

  public static void main(String[] args) {
    try (SavedModelBundle bundle = SavedModelBundle.load(args[0], "serve")) {
      for (SessionFunction function : bundle.functions()) {
        call(function);
      }
    }
  }

  private static void call(SessionFunction function) {
    Map<String, Tensor> inputs = new HashMap<>();
    try {
      function.signature().getInputs().forEach((name, spec) -> inputs.put(name, filler(spec)));
      try (Result r = function.call(inputs)) {
        System.out.println(function.signature().key() + ": " + r.size() + " outputs");
      }
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }

  /** A tensor of the input's type and shape, its unknown dimensions {@link #BATCH}. */
  private static Tensor filler(Signature.TensorDescription spec) {
    long[] dims = spec.shape.asArray();
    for (int i = 0; i < dims.length; i++) {
      dims[i] = dims[i] < 0 ? BATCH : dims[i];
    }
    Shape shape = Shape.of(dims);
    switch (spec.dataType) {
      case DT_FLOAT:
        TFloat32 floats = TFloat32.tensorOf(shape);
        floats.scalars().forEach(x -> x.setFloat(0.5f));
        return floats;
      case DT_INT64:
        return TInt64.tensorOf(shape);
      case DT_INT32:
        return TInt32.tensorOf(shape);
      case DT_STRING:
        NdArray<String> texts = NdArrays.ofObjects(String.class, shape);
        texts.scalars().forEach(t -> t.setObject("a red apple"));
        return TString.tensorOf(texts);
      default:
        throw new IllegalArgumentException(spec.name + ": no filler for " + spec.dataType);
    }
  }
}
