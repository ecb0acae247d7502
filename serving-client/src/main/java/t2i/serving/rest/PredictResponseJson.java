package t2i.serving.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

/**
 * The body TF Serving answers a predict with (json_tensor.cc's MakeJsonFromTensors): {@code
 * {"predictions": [...]}} after a row request, one entry per batch element, and {@code {"outputs":
 * ...}} after a columnar one; with a single output its name is left out. {@code DT_STRING} outputs
 * named {@code *_bytes} are written as {@code {"b64": ...}}, every other string byte for byte.
 */
public final class PredictResponseJson {
  private static final String PREDICTIONS = "predictions";
  private static final String OUTPUTS = "outputs";
  private static final String BYTES_SUFFIX = "_bytes";

  private PredictResponseJson() {}

  // ---------------------------------------------------------------- server side

  public static byte[] encode(Map<String, TensorValue> outputs, RequestFormat format) {
    if (outputs.isEmpty()) {
      throw ServingErrors.badRequest("Cannot convert empty tensor map to JSON");
    }
    Map<String, TensorValue> sorted = new TreeMap<>(outputs);
    boolean named = sorted.size() > 1;
    JsonBytesWriter out = new JsonBytesWriter().beginObject();
    if (format == RequestFormat.COLUMNAR) {
      out.name(OUTPUTS);
      if (named) {
        out.beginObject();
      }
      sorted.forEach(
          (name, t) -> JsonTensors.write(named ? out.name(name) : out, t, strings(name, t)));
      if (named) {
        out.endObject();
      }
    } else {
      long batch = -1;
      for (Map.Entry<String, TensorValue> e : sorted.entrySet()) {
        TensorValue t = e.getValue();
        if (t.rank() == 0) {
          throw ServingErrors.badRequest(
              "Tensor name: " + e.getKey() + " has no shape information ");
        }
        if (batch >= 0 && t.dim(0) != batch) {
          throw ServingErrors.badRequest(
              "Tensor name: "
                  + e.getKey()
                  + " has inconsistent batch size: "
                  + t.dim(0)
                  + " expecting: "
                  + batch);
        }
        batch = t.dim(0);
      }
      out.name(PREDICTIONS).beginArray();
      for (int i = 0; i < batch; i++) {
        if (named) {
          out.beginObject();
        }
        for (Map.Entry<String, TensorValue> e : sorted.entrySet()) {
          JsonBytesWriter w = named ? out.name(e.getKey()) : out;
          JsonTensors.writeItem(w, e.getValue(), i, strings(e.getKey(), e.getValue()));
        }
        if (named) {
          out.endObject();
        }
      }
      out.endArray();
    }
    return out.endObject().toBytes();
  }

  private static JsonTensors.Strings strings(String name, TensorValue t) {
    return t.dtype() == DType.STRING && name.endsWith(BYTES_SUFFIX)
        ? JsonTensors.Strings.BASE64
        : JsonTensors.Strings.RAW;
  }

  // ---------------------------------------------------------------- client side

  /**
   * Reads a predict response of either shape, given the signature's outputs (their dtypes, and
   * their names when the response leaves them out).
   *
   * @throws ServingException (502) if the body does not fit the signature
   */
  public static Map<String, TensorValue> decode(byte[] body, Map<String, TensorSpec> outputs) {
    try {
      JsonDocument doc = JsonDocument.parseResponse(body);
      if (!doc.root().isJsonObject()) {
        throw ServingErrors.format(doc.root(), "Is not object");
      }
      JsonObject root = doc.root().getAsJsonObject();
      Map<String, TensorSpec> specs = new TreeMap<>(outputs);
      if (specs.isEmpty()) {
        throw ServingErrors.badRequest("the signature has no outputs");
      }
      Map<String, TensorValue> out;
      if (root.has(PREDICTIONS) && root.get(PREDICTIONS).isJsonArray()) {
        out = rows(root.getAsJsonArray(PREDICTIONS), specs, doc);
      } else if (root.has(OUTPUTS)) {
        out = columns(root.get(OUTPUTS), specs, doc);
      } else {
        throw ServingErrors.format(root, "has neither 'predictions' nor 'outputs'");
      }
      return out;
    } catch (ServingException | IllegalArgumentException e) {
      throw new ServingException(502, "unexpected predict response: " + e.getMessage(), e);
    }
  }

  private static Map<String, TensorValue> columns(
      JsonElement outputs, Map<String, TensorSpec> specs, JsonDocument doc) {
    Map<String, TensorValue> out = new LinkedHashMap<>();
    if (specs.size() == 1) {
      String name = specs.keySet().iterator().next();
      out.put(
          name, withRank(JsonTensors.decode(outputs, dtype(name, specs), doc), specs.get(name)));
      return out;
    }
    if (!outputs.isJsonObject()) {
      throw ServingErrors.format(outputs, "should be an object of named outputs");
    }
    for (String name : specs.keySet()) {
      JsonElement v = outputs.getAsJsonObject().get(name);
      if (v == null) {
        throw ServingErrors.badRequest("missing output " + name);
      }
      out.put(name, withRank(JsonTensors.decode(v, dtype(name, specs), doc), specs.get(name)));
    }
    return out;
  }

  private static Map<String, TensorValue> rows(
      JsonArray predictions, Map<String, TensorSpec> specs, JsonDocument doc) {
    Map<String, List<TensorValue>> items = new TreeMap<>();
    specs.keySet().forEach(name -> items.put(name, new ArrayList<>()));
    for (JsonElement item : predictions) {
      if (specs.size() == 1) {
        String name = specs.keySet().iterator().next();
        items.get(name).add(JsonTensors.decode(item, dtype(name, specs), doc));
        continue;
      }
      if (!item.isJsonObject()) {
        throw ServingErrors.format(item, "should be an object of named outputs");
      }
      for (String name : specs.keySet()) {
        JsonElement v = item.getAsJsonObject().get(name);
        if (v == null) {
          throw ServingErrors.badRequest("missing output " + name);
        }
        items.get(name).add(JsonTensors.decode(v, dtype(name, specs), doc));
      }
    }
    Map<String, TensorValue> out = new LinkedHashMap<>();
    items.forEach(
        (name, list) ->
            out.put(
                name,
                list.isEmpty()
                    ? withRank(TensorValue.ofFloats(new float[0], 0), specs.get(name))
                    : TensorValue.stack(list)));
    return out;
  }

  /** An empty list says only "[0]": take the remaining dimensions from the signature. */
  private static TensorValue withRank(TensorValue t, TensorSpec spec) {
    if (t.size() != 0 || spec.unknownRank() || spec.dims().size() <= t.rank()) {
      return t;
    }
    long[] shape = new long[spec.dims().size()];
    for (int i = 1; i < shape.length; i++) {
      shape[i] = Math.max(0, spec.dims().get(i));
    }
    DType type = spec.type().orElse(t.dtype());
    return switch (type) {
      case FLOAT -> TensorValue.ofFloats(new float[0], shape);
      case DOUBLE -> TensorValue.ofDoubles(new double[0], shape);
      case INT32 -> TensorValue.ofInts(new int[0], shape);
      case INT64 -> TensorValue.ofLongs(new long[0], shape);
      case BOOL -> TensorValue.ofBools(new boolean[0], shape);
      case STRING -> TensorValue.ofBytes(List.of(), shape);
    };
  }

  private static DType dtype(String name, Map<String, TensorSpec> specs) {
    TensorSpec spec = specs.get(name);
    return spec.type()
        .orElseThrow(
            () ->
                ServingErrors.badRequest(
                    "output " + name + " has dtype " + spec.dtype() + ", which is not supported"));
  }
}
