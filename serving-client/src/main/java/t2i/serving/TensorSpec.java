package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One input or output of a signature: the graph tensor behind it, its dtype name ({@code DT_FLOAT})
 * and its shape, where {@code -1} is a free dimension and {@code dims == null} an unknown rank.
 */
public record TensorSpec(String tensorName, String dtype, List<Long> dims) {
  public TensorSpec {
    checkArgument(dtype != null && dtype.startsWith("DT_"), "dtype must be DT_..., was %s", dtype);
    dims = dims == null ? null : List.copyOf(dims);
  }

  public static TensorSpec of(String tensorName, DType dtype, long... dims) {
    return new TensorSpec(tensorName, dtype.protoName(), Arrays.stream(dims).boxed().toList());
  }

  /** The element type, if this client supports it. */
  public Optional<DType> type() {
    return DType.fromProtoName(dtype);
  }

  public boolean unknownRank() {
    return dims == null;
  }

  /** Whether a tensor of this shape may be fed here: same rank, equal wherever a size is fixed. */
  public boolean accepts(long[] shape) {
    if (dims == null) {
      return true;
    }
    if (dims.size() != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      long d = dims.get(i);
      if (d >= 0 && d != shape[i]) {
        return false;
      }
    }
    return true;
  }

  /** The shape as TF Serving prints it: {@code [-1,64,64,3]}, {@code [?]} for unknown rank. */
  public String shapeString() {
    return dims == null
        ? "[?]"
        : dims.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  public static String shapeString(long[] shape) {
    return Arrays.stream(shape)
        .mapToObj(String::valueOf)
        .collect(Collectors.joining(",", "[", "]"));
  }
}
