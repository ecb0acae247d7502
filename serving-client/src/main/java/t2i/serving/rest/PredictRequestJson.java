package t2i.serving.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

/**
 * The body of {@code POST .../:predict}: written by the client, read by the server, with the rules
 * and error messages of TF Serving's FillPredictRequestFromJson (json_tensor.cc). Every input of
 * the signature must be present in either format; in columnar format, keys that are not inputs are
 * ignored, as TF Serving ignores them.
 */
public final class PredictRequestJson {
  private static final String SIGNATURE = "signature_name";
  private static final String INSTANCES = "instances";
  private static final String INPUTS = "inputs";

  private PredictRequestJson() {}

  /** A request as the server reads it. */
  public record Decoded(
      String signatureName, RequestFormat format, Map<String, TensorValue> inputs) {}

  // ---------------------------------------------------------------- client side

  /**
   * The request body.
   *
   * @param base64Strings send every string as {@code {"b64": ...}}; otherwise only those that are
   *     not UTF-8
   * @throws IllegalArgumentException for rows, if the inputs do not share a first dimension >= 1
   */
  public static byte[] encode(
      String signatureName,
      Map<String, TensorValue> inputs,
      RequestFormat format,
      boolean base64Strings) {
    JsonTensors.Strings strings =
        base64Strings ? JsonTensors.Strings.BASE64 : JsonTensors.Strings.TEXT_OR_BASE64;
    Map<String, TensorValue> sorted = new TreeMap<>(inputs);
    JsonBytesWriter out = new JsonBytesWriter().beginObject();
    if (signatureName != null && !signatureName.isEmpty()) {
      out.name(SIGNATURE).text(signatureName);
    }
    if (format == RequestFormat.COLUMNAR) {
      out.name(INPUTS).beginObject();
      sorted.forEach((name, t) -> JsonTensors.write(out.name(name), t, strings));
      out.endObject();
    } else {
      int batch = rowBatchSize(sorted);
      out.name(INSTANCES).beginArray();
      for (int i = 0; i < batch; i++) {
        out.beginObject();
        for (Map.Entry<String, TensorValue> e : sorted.entrySet()) {
          JsonTensors.writeItem(out.name(e.getKey()), e.getValue(), i, strings);
        }
        out.endObject();
      }
      out.endArray();
    }
    return out.endObject().toBytes();
  }

  private static int rowBatchSize(Map<String, TensorValue> inputs) {
    long batch = -1;
    for (Map.Entry<String, TensorValue> e : inputs.entrySet()) {
      TensorValue t = e.getValue();
      if (t.rank() == 0 || (batch >= 0 && t.dim(0) != batch)) {
        throw new IllegalArgumentException(
            "row format needs every input to share its first dimension; "
                + e.getKey()
                + " is "
                + t
                + " (use the columnar format)");
      }
      batch = t.dim(0);
    }
    if (batch < 1) {
      throw new IllegalArgumentException(
          "row format needs at least one instance (use the columnar format for empty batches)");
    }
    return (int) batch;
  }

  // ---------------------------------------------------------------- server side

  /**
   * Reads a request body.
   *
   * @param inputSpecs the inputs of a signature by its name as sent (empty for the default); may
   *     throw a {@link ServingException} for an unknown model (404) or signature (400), which TF
   *     Serving checks after parsing the JSON and before reading the tensors
   */
  public static Decoded decode(byte[] body, Function<String, Map<String, TensorSpec>> inputSpecs) {
    JsonDocument doc = JsonDocument.parseRequest(body);
    if (!doc.root().isJsonObject()) {
      throw ServingErrors.format(doc.root(), "Is not object");
    }
    JsonObject root = doc.root().getAsJsonObject();
    String signature = "";
    JsonElement sig = root.get(SIGNATURE);
    if (sig != null) {
      if (!sig.isJsonPrimitive() || !sig.getAsJsonPrimitive().isString()) {
        throw ServingErrors.format(
            root, "not formatted correctly. 'signature_name' key must be a string value.");
      }
      signature = sig.getAsString();
    }
    Map<String, TensorSpec> specs = new TreeMap<>(inputSpecs.apply(signature));
    if (specs.isEmpty()) {
      throw ServingErrors.badRequest(
          "Failed to get input map for signature: "
              + (signature.isEmpty() ? "DEFAULT" : signature));
    }
    JsonElement instances = root.get(INSTANCES);
    JsonElement inputs = root.get(INPUTS);
    if (instances != null && inputs != null) {
      throw ServingErrors.format(
          root,
          "Not formatted correctly expecting only one of 'inputs' or 'instances' keys to exist ");
    }
    if (instances != null) {
      if (!instances.isJsonArray()) {
        throw ServingErrors.format(root, "Expecting 'instances' to be an list/array");
      }
      if (instances.getAsJsonArray().isEmpty()) {
        throw ServingErrors.format(root, "No values in 'instances' array");
      }
      return new Decoded(
          signature, RequestFormat.ROW, rows(instances.getAsJsonArray(), specs, doc));
    }
    if (inputs != null) {
      return new Decoded(signature, RequestFormat.COLUMNAR, columns(inputs, specs, doc));
    }
    throw ServingErrors.badRequest("Missing 'inputs' or 'instances' key");
  }

  private static Map<String, TensorValue> columns(
      JsonElement inputs, Map<String, TensorSpec> specs, JsonDocument doc) {
    Map<String, TensorValue> out = new LinkedHashMap<>();
    if (!inputs.isJsonObject() || JsonTensors.isBase64Object(inputs)) {
      if (specs.size() > 1) {
        throw ServingErrors.badRequest(
            "inputs is a plain value/list, but expecting an object as multiple input tensors"
                + " required as per tensorinfo_map");
      }
      String name = specs.keySet().iterator().next();
      out.put(name, JsonTensors.decode(inputs, dtype(name, specs), doc));
      return out;
    }
    JsonObject named = inputs.getAsJsonObject();
    for (String name : specs.keySet()) {
      JsonElement item = named.get(name);
      if (item == null) {
        throw ServingErrors.badRequest("Missing named input: " + name + " in 'inputs' object.");
      }
      out.put(name, JsonTensors.decode(item, dtype(name, specs), doc));
    }
    return out;
  }

  private static Map<String, TensorValue> rows(
      JsonArray instances, Map<String, TensorSpec> specs, JsonDocument doc) {
    JsonElement first = instances.get(0);
    if (!first.isJsonObject() && specs.size() > 1) {
      throw ServingErrors.badRequest(
          "instances is a plain list, but expecting list of objects as multiple input tensors"
              + " required as per tensorinfo_map");
    }
    boolean objects = isElementObject(first);
    Map<String, List<TensorValue>> items = new TreeMap<>();
    int count = 0;
    for (JsonElement elem : instances) {
      if (objects) {
        if (!isElementObject(elem)) {
          throw ServingErrors.badRequest(
              "Expecting object but got list at item " + count + " of input list");
        }
        Set<String> keys = new TreeSet<>();
        for (Map.Entry<String, JsonElement> kv : elem.getAsJsonObject().entrySet()) {
          String name = kv.getKey();
          keys.add(name);
          try {
            addItem(kv.getValue(), name, specs, items, doc);
          } catch (ServingException e) {
            throw ServingErrors.badRequest(
                "Failed to process element: "
                    + count
                    + " key: "
                    + name
                    + " of 'instances' list. Error: INVALID_ARGUMENT: "
                    + e.getMessage());
          }
        }
        if (!keys.equals(specs.keySet())) {
          throw ServingErrors.badRequest(
              "Failed to process element: "
                  + count
                  + " of 'instances' list. JSON object: "
                  + ServingErrors.debug(elem)
                  + " keys must be equal to: "
                  + String.join(",", specs.keySet()));
        }
      } else {
        if (isElementObject(elem)) {
          throw ServingErrors.badRequest(
              "Expecting value/list but got object at item " + count + " of input list");
        }
        try {
          addItem(elem, specs.keySet().iterator().next(), specs, items, doc);
        } catch (ServingException e) {
          throw ServingErrors.badRequest(
              "Failed to process element: "
                  + count
                  + " of 'instances' list. Error: INVALID_ARGUMENT: "
                  + e.getMessage());
        }
      }
      count++;
    }
    Map<String, TensorValue> out = new LinkedHashMap<>();
    items.forEach((name, list) -> out.put(name, TensorValue.stack(list)));
    return out;
  }

  private static boolean isElementObject(JsonElement v) {
    return v.isJsonObject() && !JsonTensors.isBase64Object(v);
  }

  /** json_tensor.cc's AddInstanceItem: every item of an input has the first item's shape. */
  private static void addItem(
      JsonElement value,
      String name,
      Map<String, TensorSpec> specs,
      Map<String, List<TensorValue>> items,
      JsonDocument doc) {
    if (!specs.containsKey(name)) {
      throw ServingErrors.badRequest("JSON object: does not have named input: " + name);
    }
    TensorValue item = JsonTensors.decode(value, dtype(name, specs), doc);
    List<TensorValue> list = items.computeIfAbsent(name, k -> new ArrayList<>());
    if (!list.isEmpty()) {
      TensorValue first = list.get(0);
      if (first.size() != item.size()) {
        throw ServingErrors.badRequest(
            "Expecting tensor size: " + first.size() + " but got: " + item.size());
      }
      if (!Arrays.equals(first.shape(), item.shape())) {
        throw ServingErrors.badRequest(
            "Expecting shape "
                + TensorSpec.shapeString(first.shape())
                + " but got: "
                + TensorSpec.shapeString(item.shape()));
      }
    }
    list.add(item);
  }

  private static DType dtype(String name, Map<String, TensorSpec> specs) {
    TensorSpec spec = specs.get(name);
    return spec.type()
        .orElseThrow(
            () ->
                new ServingException(
                    501,
                    "Conversion of JSON values to type "
                        + spec.dtype()
                        + " (input "
                        + name
                        + ") is not supported by this server"));
  }
}
