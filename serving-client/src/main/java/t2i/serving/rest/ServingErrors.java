package t2i.serving.rest;

import com.google.gson.JsonElement;
import t2i.serving.ServingException;

/** TF Serving's error texts for bad JSON, shared by the request and response codecs. */
final class ServingErrors {
  /** TF Serving truncates JSON quoted in errors to 256 bytes. */
  private static final int MAX_DEBUG_CHARS = 256;

  private ServingErrors() {}

  static ServingException badRequest(String message) {
    return ServingException.badRequest(message);
  }

  /** {@code JSON Value: <json> <message>} (json_tensor.cc's FormatError). */
  static ServingException format(JsonElement value, String message) {
    return badRequest("JSON Value: " + debug(value) + " " + message);
  }

  /** The JSON text of a value for an error message, truncated. */
  static String debug(JsonElement value) {
    String s;
    try {
      s = value.toString();
    } catch (StackOverflowError e) {
      return "<too deeply nested>";
    }
    return s.length() <= MAX_DEBUG_CHARS ? s : s.substring(0, MAX_DEBUG_CHARS);
  }

  /** rapidjson's type names, as json_tensor.cc prints them. */
  static String jsonType(JsonElement v) {
    if (v.isJsonNull()) {
      return "Null";
    } else if (v.isJsonObject()) {
      return "Object";
    } else if (v.isJsonArray()) {
      return "Array";
    } else if (v.getAsJsonPrimitive().isBoolean()) {
      return v.getAsBoolean() ? "True" : "False";
    } else if (v.getAsJsonPrimitive().isNumber()) {
      return "Number";
    }
    return "String";
  }
}
