package t2i.serving.local;

import java.util.Arrays;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;

/** Copies between {@link TensorValue}s and TensorFlow tensors, through flat arrays. */
final class TfTensors {
  private TfTensors() {}

  /** A new tensor the caller closes. */
  static Tensor toTensor(TensorValue v) {
    Shape shape = Shape.of(v.shape());
    return switch (v.dtype()) {
      case FLOAT -> TFloat32.tensorOf(shape, DataBuffers.of(v.floats(), true, false));
      case DOUBLE -> TFloat64.tensorOf(shape, DataBuffers.of(v.doubles(), true, false));
      case INT32 -> TInt32.tensorOf(shape, DataBuffers.of(v.ints(), true, false));
      case INT64 -> TInt64.tensorOf(shape, DataBuffers.of(v.longs(), true, false));
      case BOOL -> TBool.tensorOf(shape, DataBuffers.of(v.bools(), true, false));
      case STRING ->
          TString.tensorOfBytes(shape, DataBuffers.ofObjects(v.bytesList().toArray(new byte[0][])));
    };
  }

  static TensorValue fromTensor(Tensor t) {
    long[] shape = t.shape().asArray();
    int n = Math.toIntExact(t.shape().size());
    if (t instanceof TFloat32 f) {
      float[] a = new float[n];
      f.copyTo(DataBuffers.of(a, false, false));
      return TensorValue.ofFloats(a, shape);
    } else if (t instanceof TFloat64 d) {
      double[] a = new double[n];
      d.copyTo(DataBuffers.of(a, false, false));
      return TensorValue.ofDoubles(a, shape);
    } else if (t instanceof TInt32 i) {
      int[] a = new int[n];
      i.copyTo(DataBuffers.of(a, false, false));
      return TensorValue.ofInts(a, shape);
    } else if (t instanceof TInt64 l) {
      long[] a = new long[n];
      l.copyTo(DataBuffers.of(a, false, false));
      return TensorValue.ofLongs(a, shape);
    } else if (t instanceof TBool b) {
      boolean[] a = new boolean[n];
      b.copyTo(DataBuffers.of(a, false, false));
      return TensorValue.ofBools(a, shape);
    } else if (t instanceof TString s) {
      byte[][] a = new byte[n][];
      s.asBytes().copyTo(DataBuffers.ofObjects(a));
      return TensorValue.ofBytes(Arrays.asList(a), shape);
    }
    throw new ServingException(
        501, "output dtype " + t.dataType() + " is not supported; supported: " + supported());
  }

  private static String supported() {
    return Arrays.toString(DType.values());
  }
}
