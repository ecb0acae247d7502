package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable dense tensor held in Java arrays: a {@link DType}, a shape and its values in
 * row-major order. Strings are byte strings, as in TensorFlow; {@link #string(int)} reads one as
 * UTF-8. Accessors return copies.
 */
public final class TensorValue {
  private final DType dtype;
  private final long[] shape;
  private final int size;
  // float[] | double[] | int[] | long[] | boolean[] | byte[][]
  private final Object values;

  private TensorValue(DType dtype, long[] shape, Object values, int length) {
    this.dtype = dtype;
    this.shape = shape.clone();
    long n = 1;
    for (long d : shape) {
      checkArgument(d >= 0, "tensor dimensions must be >= 0, shape was %s", Arrays.toString(shape));
      n *= d;
    }
    checkArgument(
        n == length,
        "shape %s holds %s values but %s were given",
        TensorSpec.shapeString(shape),
        n,
        length);
    this.size = length;
    this.values = values;
  }

  public static TensorValue ofFloats(float[] values, long... shape) {
    return new TensorValue(DType.FLOAT, shape, values.clone(), values.length);
  }

  public static TensorValue ofDoubles(double[] values, long... shape) {
    return new TensorValue(DType.DOUBLE, shape, values.clone(), values.length);
  }

  public static TensorValue ofInts(int[] values, long... shape) {
    return new TensorValue(DType.INT32, shape, values.clone(), values.length);
  }

  public static TensorValue ofLongs(long[] values, long... shape) {
    return new TensorValue(DType.INT64, shape, values.clone(), values.length);
  }

  public static TensorValue ofBools(boolean[] values, long... shape) {
    return new TensorValue(DType.BOOL, shape, values.clone(), values.length);
  }

  public static TensorValue ofBytes(List<byte[]> values, long... shape) {
    byte[][] copy = new byte[values.size()][];
    for (int i = 0; i < copy.length; i++) {
      copy[i] = values.get(i).clone();
    }
    return new TensorValue(DType.STRING, shape, copy, copy.length);
  }

  /** Strings stored as their UTF-8 bytes. */
  public static TensorValue ofStrings(List<String> values, long... shape) {
    byte[][] bytes = new byte[values.size()][];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = values.get(i).getBytes(StandardCharsets.UTF_8);
    }
    return new TensorValue(DType.STRING, shape, bytes, bytes.length);
  }

  /** A vector of UTF-8 strings. */
  public static TensorValue strings(String... values) {
    return ofStrings(List.of(values), values.length);
  }

  /** A vector of int64. */
  public static TensorValue longs(long... values) {
    return ofLongs(values, values.length);
  }

  /** A vector of float. */
  public static TensorValue floats(float... values) {
    return ofFloats(values, values.length);
  }

  /**
   * Stacks equally shaped tensors of one dtype along a new first dimension: {@code n} tensors of
   * shape {@code s} make one of shape {@code [n, s...]}.
   */
  public static TensorValue stack(List<TensorValue> items) {
    checkArgument(!items.isEmpty(), "nothing to stack");
    TensorValue first = items.get(0);
    long[] shape = new long[first.shape.length + 1];
    shape[0] = items.size();
    System.arraycopy(first.shape, 0, shape, 1, first.shape.length);
    int n = first.size;
    for (TensorValue t : items) {
      checkArgument(
          t.dtype == first.dtype && Arrays.equals(t.shape, first.shape),
          "cannot stack %s with %s",
          t,
          first);
    }
    int total = n * items.size();
    Object out = newArray(first.dtype, total);
    for (int i = 0; i < items.size(); i++) {
      System.arraycopy(items.get(i).values, 0, out, i * n, n);
    }
    return new TensorValue(first.dtype, shape, out, total);
  }

  /**
   * Joins tensors of one dtype along their first dimension: shapes {@code [n_i, s...]} make {@code
   * [Σ n_i, s...]}.
   */
  public static TensorValue concat(List<TensorValue> items) {
    checkArgument(!items.isEmpty(), "nothing to concatenate");
    TensorValue first = items.get(0);
    checkArgument(first.shape.length >= 1, "cannot concatenate scalars");
    long rows = 0;
    int total = 0;
    for (TensorValue t : items) {
      checkArgument(
          t.dtype == first.dtype
              && t.shape.length == first.shape.length
              && Arrays.equals(t.shape, 1, t.shape.length, first.shape, 1, first.shape.length),
          "cannot concatenate %s with %s",
          t,
          first);
      rows += t.shape[0];
      total += t.size;
    }
    Object out = newArray(first.dtype, total);
    int at = 0;
    for (TensorValue t : items) {
      System.arraycopy(t.values, 0, out, at, t.size);
      at += t.size;
    }
    long[] shape = first.shape.clone();
    shape[0] = rows;
    return new TensorValue(first.dtype, shape, out, total);
  }

  /** Rows {@code [from, to)} of the first dimension. */
  public TensorValue rows(int from, int to) {
    checkArgument(shape.length >= 1, "a scalar has no rows");
    checkArgument(0 <= from && from <= to && to <= shape[0], "rows [%s, %s) of %s", from, to, this);
    int perRow = shape[0] == 0 ? 0 : (int) (size / shape[0]);
    Object out = newArray(dtype, (to - from) * perRow);
    System.arraycopy(values, from * perRow, out, 0, (to - from) * perRow);
    long[] s = shape.clone();
    s[0] = to - from;
    return new TensorValue(dtype, s, out, (to - from) * perRow);
  }

  private static Object newArray(DType dtype, int n) {
    return switch (dtype) {
      case FLOAT -> new float[n];
      case DOUBLE -> new double[n];
      case INT32 -> new int[n];
      case INT64 -> new long[n];
      case BOOL -> new boolean[n];
      case STRING -> new byte[n][];
    };
  }

  public DType dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  public long dim(int i) {
    return shape[i];
  }

  /** The number of elements. */
  public int size() {
    return size;
  }

  public float[] floats() {
    return ((float[]) as(DType.FLOAT)).clone();
  }

  public double[] doubles() {
    return ((double[]) as(DType.DOUBLE)).clone();
  }

  public int[] ints() {
    return ((int[]) as(DType.INT32)).clone();
  }

  public long[] longs() {
    return ((long[]) as(DType.INT64)).clone();
  }

  public boolean[] bools() {
    return ((boolean[]) as(DType.BOOL)).clone();
  }

  /** Element {@code i} (row-major) of a string tensor, as bytes. */
  public byte[] bytes(int i) {
    return ((byte[][]) as(DType.STRING))[i].clone();
  }

  /** Every element of a string tensor, as bytes. */
  public List<byte[]> bytesList() {
    byte[][] b = (byte[][]) as(DType.STRING);
    List<byte[]> out = new ArrayList<>(b.length);
    for (byte[] x : b) {
      out.add(x.clone());
    }
    return out;
  }

  /** Element {@code i} of a string tensor, decoded as UTF-8. */
  public String string(int i) {
    return new String(((byte[][]) as(DType.STRING))[i], StandardCharsets.UTF_8);
  }

  private Object as(DType expected) {
    checkState(dtype == expected, "this tensor is %s, not %s", dtype, expected);
    return values;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TensorValue t) || t.dtype != dtype || !Arrays.equals(t.shape, shape)) {
      return false;
    }
    return switch (dtype) {
      case FLOAT -> Arrays.equals((float[]) values, (float[]) t.values);
      case DOUBLE -> Arrays.equals((double[]) values, (double[]) t.values);
      case INT32 -> Arrays.equals((int[]) values, (int[]) t.values);
      case INT64 -> Arrays.equals((long[]) values, (long[]) t.values);
      case BOOL -> Arrays.equals((boolean[]) values, (boolean[]) t.values);
      case STRING -> Arrays.deepEquals((byte[][]) values, (byte[][]) t.values);
    };
  }

  @Override
  public int hashCode() {
    int h =
        switch (dtype) {
          case FLOAT -> Arrays.hashCode((float[]) values);
          case DOUBLE -> Arrays.hashCode((double[]) values);
          case INT32 -> Arrays.hashCode((int[]) values);
          case INT64 -> Arrays.hashCode((long[]) values);
          case BOOL -> Arrays.hashCode((boolean[]) values);
          case STRING -> Arrays.deepHashCode((byte[][]) values);
        };
    return Objects.hash(dtype, Arrays.hashCode(shape), h);
  }

  @Override
  public String toString() {
    return dtype.protoName() + " " + TensorSpec.shapeString(shape);
  }
}
