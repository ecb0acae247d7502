package t2i.serving.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import t2i.serving.DType;
import t2i.serving.TensorValue;

/**
 * One tensor as a (nested) JSON value, both ways, following TF Serving's json_tensor.cc: the shape
 * comes from the nesting (the first element at each level), every list at a level must have that
 * size, and leaves are numbers, booleans, strings or {@code {"b64": "..."}} objects. Decoding
 * errors carry json_tensor.cc's messages.
 */
final class JsonTensors {
  /** How string elements go into JSON. */
  enum Strings {
    /** The bytes as they are, as TF Serving writes outputs whose names lack {@code _bytes}. */
    RAW,
    /** Always {@code {"b64": ...}}, as TF Serving writes outputs named {@code *_bytes}. */
    BASE64,
    /** Text if the bytes are UTF-8, else {@code {"b64": ...}}: what a client sends. */
    TEXT_OR_BASE64
  }

  /** Deeper nesting is a malformed request, not a tensor (TensorFlow's own limit is 254). */
  static final int MAX_RANK = 64;

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  private JsonTensors() {}

  // ---------------------------------------------------------------- decoding

  /** A tensor of the given dtype from a JSON value of {@code doc}. */
  static TensorValue decode(JsonElement value, DType dtype, JsonDocument doc) {
    List<Long> dims = denseShape(value);
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    Leaves leaves = new Leaves(dtype, doc);
    fill(value, 0, shape, leaves);
    return leaves.toTensor(shape);
  }

  /** json_tensor.cc's GetDenseTensorShape: the sizes of the first list at each level. */
  private static List<Long> denseShape(JsonElement value) {
    List<Long> dims = new ArrayList<>();
    JsonElement v = value;
    while (v.isJsonArray()) {
      if (dims.size() == MAX_RANK) {
        throw ServingErrors.badRequest("JSON lists nested deeper than " + MAX_RANK + " levels");
      }
      JsonArray a = v.getAsJsonArray();
      dims.add((long) a.size());
      if (a.isEmpty()) {
        break;
      }
      v = a.get(0);
    }
    return dims;
  }

  private static void fill(JsonElement v, int level, long[] shape, Leaves leaves) {
    int rank = shape.length;
    if (!v.isJsonArray()) {
      if (level != rank) {
        throw ServingErrors.badRequest(
            "JSON Value: "
                + ServingErrors.debug(v)
                + " found at incorrect level: "
                + (level + 1)
                + " in the JSON DOM. Expected at level: "
                + rank);
      }
      leaves.add(v);
      return;
    }
    if (level >= rank) {
      throw ServingErrors.badRequest(
          "Encountered list at unexpected level: " + level + " expected < " + rank);
    }
    JsonArray a = v.getAsJsonArray();
    if (a.size() != shape[level]) {
      throw ServingErrors.badRequest(
          "Encountered list at unexpected size: "
              + a.size()
              + " at level: "
              + level
              + " expected size: "
              + shape[level]);
    }
    for (JsonElement e : a) {
      fill(e, level + 1, shape, leaves);
    }
  }

  /** A JSON object with exactly one key, {@code b64}, mapping to a string. */
  static boolean isBase64Object(JsonElement v) {
    if (!v.isJsonObject()) {
      return false;
    }
    JsonObject o = v.getAsJsonObject();
    JsonElement b = o.get("b64");
    return o.size() == 1 && b != null && b.isJsonPrimitive() && b.getAsJsonPrimitive().isString();
  }

  private static byte[] decodeBase64(JsonElement v) {
    if (!isBase64Object(v)) {
      throw ServingErrors.format(v, "not formatted correctly for base64 data");
    }
    try {
      return Base64.getDecoder().decode(v.getAsJsonObject().get("b64").getAsString());
    } catch (IllegalArgumentException e) {
      throw ServingErrors.badRequest("Unable to base64 decode");
    }
  }

  private static RuntimeException typeError(JsonElement v, DType dtype) {
    return ServingErrors.badRequest(
        "JSON Value: "
            + ServingErrors.debug(v)
            + " Type: "
            + ServingErrors.jsonType(v)
            + " is not of expected type: "
            + dtype.tfName());
  }

  /** The values of one tensor in the order they are met, in a growing primitive array. */
  private static final class Leaves {
    private final DType dtype;
    private final JsonDocument doc;
    private Object data;
    private int n;

    Leaves(DType dtype, JsonDocument doc) {
      this.dtype = dtype;
      this.doc = doc;
      this.data = allocate(16);
    }

    private Object allocate(int capacity) {
      return switch (dtype) {
        case FLOAT -> new float[capacity];
        case DOUBLE -> new double[capacity];
        case INT32 -> new int[capacity];
        case INT64 -> new long[capacity];
        case BOOL -> new boolean[capacity];
        case STRING -> new byte[capacity][];
      };
    }

    void add(JsonElement v) {
      if (n == Array.getLength(data)) {
        Object bigger = allocate(n * 2);
        System.arraycopy(data, 0, bigger, 0, n);
        data = bigger;
      }
      if (v.isJsonObject()) {
        if (dtype != DType.STRING) {
          throw typeError(v, dtype);
        }
        ((byte[][]) data)[n++] = decodeBase64(v);
        return;
      }
      if (!v.isJsonPrimitive()) {
        throw typeError(v, dtype);
      }
      JsonPrimitive p = v.getAsJsonPrimitive();
      switch (dtype) {
        case FLOAT -> ((float[]) data)[n] = JsonFloats.parse(decimal(p));
        case DOUBLE -> ((double[]) data)[n] = Double.parseDouble(decimal(p));
        case INT32 -> ((int[]) data)[n] = (int) integer(p, Integer.MIN_VALUE, Integer.MAX_VALUE);
        case INT64 -> ((long[]) data)[n] = integer(p, Long.MIN_VALUE, Long.MAX_VALUE);
        case BOOL -> {
          if (!p.isBoolean()) {
            throw typeError(v, dtype);
          }
          ((boolean[]) data)[n] = p.getAsBoolean();
        }
        case STRING -> {
          if (!p.isString()) {
            throw typeError(v, dtype);
          }
          ((byte[][]) data)[n] = doc.bytes(p.getAsString());
        }
      }
      n++;
    }

    /** Any JSON number, or TF Serving's NaN and Infinity tokens (Gson reads those as strings). */
    private String decimal(JsonPrimitive p) {
      if (p.isNumber()) {
        return p.getAsString();
      }
      if (p.isString()) {
        String s = p.getAsString();
        if (s.equals("NaN") || s.equals("Infinity") || s.equals("-Infinity")) {
          return s;
        }
      }
      throw typeError(p, dtype);
    }

    /** A JSON integer (no fraction, no exponent) in range, as rapidjson's IsInt/IsInt64. */
    private long integer(JsonPrimitive p, long min, long max) {
      if (p.isNumber() && INTEGER.matcher(p.getAsString()).matches()) {
        try {
          long x = Long.parseLong(p.getAsString());
          if (x >= min && x <= max) {
            return x;
          }
        } catch (NumberFormatException e) {
          // out of int64 range: a type error below
        }
      }
      throw typeError(p, dtype);
    }

    TensorValue toTensor(long[] shape) {
      return switch (dtype) {
        case FLOAT -> TensorValue.ofFloats(Arrays.copyOf((float[]) data, n), shape);
        case DOUBLE -> TensorValue.ofDoubles(Arrays.copyOf((double[]) data, n), shape);
        case INT32 -> TensorValue.ofInts(Arrays.copyOf((int[]) data, n), shape);
        case INT64 -> TensorValue.ofLongs(Arrays.copyOf((long[]) data, n), shape);
        case BOOL -> TensorValue.ofBools(Arrays.copyOf((boolean[]) data, n), shape);
        case STRING -> TensorValue.ofBytes(Arrays.asList(Arrays.copyOf((byte[][]) data, n)), shape);
      };
    }
  }

  // ---------------------------------------------------------------- encoding

  /** Writes the whole tensor: a scalar, or lists nested to its rank. */
  static void write(JsonBytesWriter out, TensorValue t, Strings strings) {
    new Flat(t, strings).write(out, 0, 0);
  }

  /**
   * Writes element {@code item} of the first dimension (one row of a {@code predictions} or {@code
   * instances} list).
   */
  static void writeItem(JsonBytesWriter out, TensorValue t, int item, Strings strings) {
    int itemSize = t.dim(0) == 0 ? 0 : t.size() / (int) t.dim(0);
    new Flat(t, strings).write(out, 1, item * itemSize);
  }

  /** A tensor's values read once, written element by element (json_tensor.cc AddTensorValues). */
  private static final class Flat {
    private final TensorValue t;
    private final long[] shape;
    private final Strings strings;
    private final Object values;

    Flat(TensorValue t, Strings strings) {
      this.t = t;
      this.shape = t.shape();
      this.strings = strings;
      this.values =
          switch (t.dtype()) {
            case FLOAT -> t.floats();
            case DOUBLE -> t.doubles();
            case INT32 -> t.ints();
            case INT64 -> t.longs();
            case BOOL -> t.bools();
            case STRING -> t.bytesList();
          };
    }

    /**
     * Writes the elements from {@code offset} on, nested from dimension {@code dim}. Numbers and
     * booleans are written as one piece of JSON text; strings element by element, escaped.
     */
    void write(JsonBytesWriter out, int dim, int offset) {
      if (t.dtype() == DType.STRING) {
        strings(out, dim, new int[] {offset});
      } else {
        Text text = new Text();
        numbers(text, dim, new int[] {offset});
        out.rawJson(text.toString());
      }
    }

    private void strings(JsonBytesWriter out, int dim, int[] offset) {
      if (dim >= shape.length) {
        string(out, offset[0]++);
        return;
      }
      out.beginArray();
      for (long i = 0; i < shape[dim]; i++) {
        strings(out, dim + 1, offset);
      }
      out.endArray();
    }

    private void numbers(Text out, int dim, int[] offset) {
      if (dim >= shape.length) {
        number(out, offset[0]++);
        return;
      }
      out.put('[');
      for (long i = 0; i < shape[dim]; i++) {
        if (i > 0) {
          out.put(',');
        }
        numbers(out, dim + 1, offset);
      }
      out.put(']');
    }

    private void number(Text out, int i) {
      switch (t.dtype()) {
        case FLOAT -> out.put(Float.toString(((float[]) values)[i]));
        case DOUBLE -> out.put(Double.toString(((double[]) values)[i]));
        case INT32 -> out.put(Integer.toString(((int[]) values)[i]));
        case INT64 -> out.put(Long.toString(((long[]) values)[i]));
        case BOOL -> out.put(Boolean.toString(((boolean[]) values)[i]));
        case STRING -> throw new IllegalStateException("strings are not numbers");
      }
    }

    @SuppressWarnings("unchecked")
    private void string(JsonBytesWriter out, int i) {
      byte[] b = ((List<byte[]>) values).get(i);
      boolean b64 = strings == Strings.BASE64 || (strings == Strings.TEXT_OR_BASE64 && !utf8(b));
      if (b64) {
        out.base64(b);
      } else {
        out.rawBytes(b);
      }
    }
  }

  /**
   * A growing character buffer for JSON text: a {@link StringBuilder} without its per-call checks.
   */
  private static final class Text {
    private char[] chars = new char[256];
    private int length;

    private void room(int n) {
      if (length + n > chars.length) {
        chars = Arrays.copyOf(chars, Math.max(chars.length * 2, length + n));
      }
    }

    void put(char c) {
      room(1);
      chars[length++] = c;
    }

    void put(String s) {
      room(s.length());
      s.getChars(0, s.length(), chars, length);
      length += s.length();
    }

    @Override
    public String toString() {
      return new String(chars, 0, length);
    }
  }

  static boolean utf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
