package t2i.serving.grpc;

import com.google.common.primitives.Booleans;
import com.google.common.primitives.Doubles;
import com.google.common.primitives.Floats;
import com.google.common.primitives.Ints;
import com.google.common.primitives.Longs;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

/**
 * {@link TensorValue} to and from TensorFlow's {@code TensorProto}. Numbers are written as {@code
 * tensor_content} (little-endian bytes, as TensorFlow's {@code AsProtoTensorContent}), strings as
 * {@code string_val}. Reading accepts both forms TensorFlow writes: {@code tensor_content}, or the
 * typed repeated field, where a single value stands for every element (TensorFlow's rule for
 * constants).
 */
public final class TensorProtoCodec {
  private TensorProtoCodec() {}

  public static TensorProto encode(TensorValue value) {
    TensorProto.Builder b =
        TensorProto.newBuilder().setDtype(dataType(value.dtype())).setTensorShape(shape(value));
    switch (value.dtype()) {
      case STRING -> {
        for (int i = 0; i < value.size(); i++) {
          b.addStringVal(ByteString.copyFrom(value.bytes(i)));
        }
      }
      case BOOL -> {
        boolean[] v = value.bools();
        byte[] bytes = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
          bytes[i] = (byte) (v[i] ? 1 : 0);
        }
        b.setTensorContent(ByteString.copyFrom(bytes));
      }
      default -> b.setTensorContent(ByteString.copyFrom(content(value)));
    }
    return b.build();
  }

  /**
   * @param name the input's or output's name, for messages
   * @throws ServingException (400) for a dtype this project does not carry, an unknown rank, or
   *     values that do not fill the shape
   */
  public static TensorValue decode(String name, TensorProto proto) {
    DType dtype = dtype(name, proto.getDtype());
    long[] shape = shape(name, proto.getTensorShape());
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    if (count > Integer.MAX_VALUE) {
      throw ServingException.badRequest(
          name + ": a tensor of shape " + shapeOf(shape) + " is too large");
    }
    int n = (int) count;
    ByteString content = proto.getTensorContent();
    if (!content.isEmpty() && dtype != DType.STRING) {
      return fromContent(name, dtype, shape, n, content);
    }
    return switch (dtype) {
      case FLOAT ->
          TensorValue.ofFloats(
              Floats.toArray(broadcast(name, proto.getFloatValList(), n, shape)), shape);
      case DOUBLE ->
          TensorValue.ofDoubles(
              Doubles.toArray(broadcast(name, proto.getDoubleValList(), n, shape)), shape);
      case INT32 ->
          TensorValue.ofInts(Ints.toArray(broadcast(name, proto.getIntValList(), n, shape)), shape);
      case INT64 ->
          TensorValue.ofLongs(
              Longs.toArray(broadcast(name, proto.getInt64ValList(), n, shape)), shape);
      case BOOL ->
          TensorValue.ofBools(
              Booleans.toArray(broadcast(name, proto.getBoolValList(), n, shape)), shape);
      case STRING ->
          TensorValue.ofBytes(
              broadcast(name, proto.getStringValList(), n, shape).stream()
                  .map(ByteString::toByteArray)
                  .toList(),
              shape);
    };
  }

  public static DataType dataType(DType dtype) {
    return DataType.valueOf(dtype.protoName());
  }

  /** The project's type for a proto dtype, or a 400 naming the input. */
  static DType dtype(String name, DataType dataType) {
    return DType.fromProtoName(dataType.name())
        .orElseThrow(
            () ->
                ServingException.badRequest(
                    name + ": dtype " + dataType.name() + " is not supported"));
  }

  private static TensorShapeProto shape(TensorValue value) {
    TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
    for (long d : value.shape()) {
      s.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return s.build();
  }

  private static long[] shape(String name, TensorShapeProto proto) {
    if (proto.getUnknownRank()) {
      throw ServingException.badRequest(name + ": a tensor needs a known shape");
    }
    long[] shape = new long[proto.getDimCount()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = proto.getDim(i).getSize();
      if (shape[i] < 0) {
        throw ServingException.badRequest(
            name + ": dimension " + i + " is " + shape[i] + "; a tensor's sizes are >= 0");
      }
    }
    return shape;
  }

  private static byte[] content(TensorValue value) {
    ByteBuffer buf;
    switch (value.dtype()) {
      case FLOAT -> {
        buf = ByteBuffer.allocate(value.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(value.floats());
      }
      case DOUBLE -> {
        buf = ByteBuffer.allocate(value.size() * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asDoubleBuffer().put(value.doubles());
      }
      case INT32 -> {
        buf = ByteBuffer.allocate(value.size() * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asIntBuffer().put(value.ints());
      }
      case INT64 -> {
        buf = ByteBuffer.allocate(value.size() * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(value.longs());
      }
      default -> throw new IllegalArgumentException("no tensor content for " + value.dtype());
    }
    return buf.array();
  }

  private static TensorValue fromContent(
      String name, DType dtype, long[] shape, int n, ByteString content) {
    int width =
        switch (dtype) {
          case FLOAT, INT32 -> 4;
          case DOUBLE, INT64 -> 8;
          case BOOL -> 1;
          case STRING -> throw new IllegalStateException("strings have no tensor content");
        };
    if (content.size() != (long) n * width) {
      throw ServingException.badRequest(
          name
              + ": tensor_content holds "
              + content.size()
              + " bytes, but shape "
              + shapeOf(shape)
              + " of "
              + dtype.tfName()
              + " needs "
              + (long) n * width);
    }
    ByteBuffer buf = content.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    return switch (dtype) {
      case FLOAT -> {
        float[] v = new float[n];
        buf.asFloatBuffer().get(v);
        yield TensorValue.ofFloats(v, shape);
      }
      case DOUBLE -> {
        double[] v = new double[n];
        buf.asDoubleBuffer().get(v);
        yield TensorValue.ofDoubles(v, shape);
      }
      case INT32 -> {
        int[] v = new int[n];
        buf.asIntBuffer().get(v);
        yield TensorValue.ofInts(v, shape);
      }
      case INT64 -> {
        long[] v = new long[n];
        buf.asLongBuffer().get(v);
        yield TensorValue.ofLongs(v, shape);
      }
      case BOOL -> {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = buf.get(i) != 0;
        }
        yield TensorValue.ofBools(v, shape);
      }
      case STRING -> throw new IllegalStateException("strings have no tensor content");
    };
  }

  /**
   * The {@code n} values of a typed field: all of them given, or one standing for every element.
   */
  private static <T> List<T> broadcast(String name, List<T> values, int n, long[] shape) {
    if (values.size() == n) {
      return values;
    }
    if (values.size() == 1 && n > 0) {
      return Collections.nCopies(n, values.get(0));
    }
    throw ServingException.badRequest(
        name
            + ": "
            + values.size()
            + " values given for shape "
            + shapeOf(shape)
            + ", which holds "
            + n);
  }

  private static String shapeOf(long[] shape) {
    return TensorSpec.shapeString(shape);
  }
}
