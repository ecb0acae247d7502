package t2i.serving.rest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelVersionStatus;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;

/**
 * The JSON of TF Serving's model status and metadata APIs: the proto3 JSON form of {@code
 * GetModelStatusResponse} and of {@code GetModelMetadataResponse} with proto field names and
 * default values printed (http_rest_api_util.cc), int64 fields as strings.
 *
 * <pre>{@code
 * {"model_spec": {"name": "m", "signature_name": "", "version": "1"},
 *  "metadata": {"signature_def": {"signature_def": {"serving_default": {
 *     "inputs": {"text": {"dtype": "DT_STRING",
 *                         "tensor_shape": {"dim": [{"size": "-1", "name": ""}],
 *                                          "unknown_rank": false},
 *                         "name": "text:0"}},
 *     "outputs": {...}, "method_name": "tensorflow/serving/predict", "defaults": {}}}}}}
 * }</pre>
 */
public final class MetadataJson {
  private MetadataJson() {}

  // ---------------------------------------------------------------- status

  public static byte[] encodeStatus(List<ModelVersionStatus> versions) {
    JsonBytesWriter out = new JsonBytesWriter().beginObject().name("model_version_status");
    out.beginArray();
    for (ModelVersionStatus v : versions) {
      out.beginObject()
          .name("version")
          .text(Long.toString(v.version()))
          .name("state")
          .text(v.state())
          .name("status")
          .beginObject()
          .name("error_code")
          .text("OK")
          .name("error_message")
          .text("")
          .endObject()
          .endObject();
    }
    return out.endArray().endObject().toBytes();
  }

  public static List<ModelVersionStatus> decodeStatus(byte[] body) {
    try {
      JsonObject root = object(JsonDocument.parseResponse(body).root(), "response");
      List<ModelVersionStatus> out = new ArrayList<>();
      for (JsonElement e : root.getAsJsonArray("model_version_status")) {
        JsonObject v = e.getAsJsonObject();
        out.add(new ModelVersionStatus(v.get("version").getAsLong(), v.get("state").getAsString()));
      }
      return out;
    } catch (RuntimeException e) {
      throw unexpected("status", e);
    }
  }

  // ---------------------------------------------------------------- metadata

  public static byte[] encodeMetadata(ModelMetadata m) {
    JsonBytesWriter out = new JsonBytesWriter().beginObject();
    out.name("model_spec")
        .beginObject()
        .name("name")
        .text(m.name())
        .name("signature_name")
        .text("")
        .name("version")
        .text(Long.toString(m.version()))
        .endObject();
    out.name("metadata").beginObject().name("signature_def").beginObject();
    out.name("signature_def").beginObject();
    m.signatures()
        .forEach(
            (key, sig) -> {
              out.name(key).beginObject();
              tensors(out.name("inputs"), sig.inputs());
              tensors(out.name("outputs"), sig.outputs());
              out.name("method_name").text(sig.methodName());
              out.name("defaults").beginObject().endObject();
              out.endObject();
            });
    out.endObject().endObject().endObject();
    return out.endObject().toBytes();
  }

  private static void tensors(JsonBytesWriter out, Map<String, TensorSpec> specs) {
    out.beginObject();
    specs.forEach(
        (alias, spec) -> {
          out.name(alias).beginObject().name("dtype").text(spec.dtype());
          out.name("tensor_shape").beginObject();
          if (spec.unknownRank()) {
            out.name("dim").beginArray().endArray().name("unknown_rank").bool(true);
          } else {
            out.name("dim").beginArray();
            for (long d : spec.dims()) {
              out.beginObject().name("size").text(Long.toString(d)).name("name").text("");
              out.endObject();
            }
            out.endArray().name("unknown_rank").bool(false);
          }
          out.endObject();
          if (spec.tensorName() != null) {
            out.name("name").text(spec.tensorName());
          }
          out.endObject();
        });
    out.endObject();
  }

  public static ModelMetadata decodeMetadata(byte[] body) {
    try {
      JsonObject root = object(JsonDocument.parseResponse(body).root(), "response");
      JsonObject spec = object(root.get("model_spec"), "model_spec");
      JsonObject defs =
          object(
              object(object(root.get("metadata"), "metadata").get("signature_def"), "metadata")
                  .get("signature_def"),
              "signature_def");
      Map<String, SignatureInfo> signatures = new LinkedHashMap<>();
      for (Map.Entry<String, JsonElement> e : defs.entrySet()) {
        JsonObject def = e.getValue().getAsJsonObject();
        signatures.put(
            e.getKey(),
            new SignatureInfo(
                def.has("method_name") ? def.get("method_name").getAsString() : "",
                specs(def.get("inputs")),
                specs(def.get("outputs"))));
      }
      return new ModelMetadata(
          spec.get("name").getAsString(), spec.get("version").getAsLong(), signatures);
    } catch (RuntimeException e) {
      throw unexpected("metadata", e);
    }
  }

  private static Map<String, TensorSpec> specs(JsonElement e) {
    Map<String, TensorSpec> out = new LinkedHashMap<>();
    if (e == null) {
      return out;
    }
    for (Map.Entry<String, JsonElement> kv : e.getAsJsonObject().entrySet()) {
      JsonObject info = kv.getValue().getAsJsonObject();
      List<Long> dims = null;
      JsonObject shape = info.has("tensor_shape") ? info.getAsJsonObject("tensor_shape") : null;
      if (shape != null
          && !(shape.has("unknown_rank") && shape.get("unknown_rank").getAsBoolean())) {
        dims = new ArrayList<>();
        JsonArray dimList = shape.has("dim") ? shape.getAsJsonArray("dim") : new JsonArray();
        for (JsonElement d : dimList) {
          // proto3 JSON writes int64 as a string; a missing size is 0.
          JsonElement size = d.getAsJsonObject().get("size");
          dims.add(size == null ? 0L : size.getAsLong());
        }
      }
      String name = info.has("name") ? info.get("name").getAsString() : null;
      String dtype = info.has("dtype") ? info.get("dtype").getAsString() : "DT_INVALID";
      out.put(kv.getKey(), new TensorSpec(name, dtype, dims));
    }
    return out;
  }

  private static JsonObject object(JsonElement e, String what) {
    if (e == null || !e.isJsonObject()) {
      throw new IllegalArgumentException("no '" + what + "' object");
    }
    return e.getAsJsonObject();
  }

  private static ServingException unexpected(String what, RuntimeException e) {
    return new ServingException(
        502, "unexpected model " + what + " response: " + e.getMessage(), e);
  }
}
