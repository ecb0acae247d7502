package t2i.serving.server;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import t2i.serving.ServingException;

/**
 * An HTTP answer: status, JSON body and any extra headers. Errors are TF Serving's {@code {"error":
 * "..."}}.
 */
record ApiResponse(int status, byte[] body, Map<String, String> headers) {
  static ApiResponse ok(byte[] body) {
    return new ApiResponse(200, body, Map.of());
  }

  static ApiResponse error(int status, String message) {
    return error(status, message, Map.of());
  }

  static ApiResponse error(int status, String message, Map<String, String> headers) {
    JsonObject o = new JsonObject();
    o.addProperty("error", message);
    return new ApiResponse(status, o.toString().getBytes(StandardCharsets.UTF_8), headers);
  }

  static ApiResponse error(ServingException e) {
    return error(e.httpStatus() == 0 ? 500 : e.httpStatus(), e.getMessage());
  }
}
