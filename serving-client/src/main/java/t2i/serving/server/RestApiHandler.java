package t2i.serving.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import t2i.serving.ModelSpec;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.MetadataJson;
import t2i.serving.rest.PredictRequestJson;
import t2i.serving.rest.PredictResponseJson;

/**
 * TF Serving's REST API over a {@link ModelRepository}, as a function from (method, path, body) to
 * an answer, following http_rest_api_handler.cc and http_rest_api_util.cc: the same URL patterns
 * (case-insensitive), the same order of checks and the same status codes and messages. Where it
 * differs: a method the path does not take is 405 (TF Serving says 400 "Malformed request"); paths
 * outside {@code /v1/} get a JSON 404; version labels, {@code :classify} and {@code :regress} are
 * not supported.
 */
final class RestApiHandler {
  private static final Pattern API = Pattern.compile("(?i)/v1/.*");
  private static final Pattern PREDICT =
      Pattern.compile(
          "(?i)/v1/models/([^/:]+)(?:(?:/versions/(\\d+))|(?:/labels/([^/:]+)))?"
              + ":(classify|regress|predict)");
  private static final Pattern STATUS =
      Pattern.compile(
          "(?i)/v1/models(?:/([^/:]+))?(?:(?:/versions/(\\d+))|(?:/labels/([^/:]+)))?"
              + "(?:/(metadata))?");

  private final ModelRepository models;
  private final ModelRuns runs;
  private final Duration timeout;

  RestApiHandler(ModelRepository models, ModelRuns runs, Duration timeout) {
    this.models = models;
    this.runs = runs;
    this.timeout = timeout;
  }

  /**
   * @param rawPath the request path as sent (percent-escapes not decoded), without the query
   */
  ApiResponse handle(String method, String rawPath, byte[] body) {
    try {
      return dispatch(method, rawPath, body);
    } catch (ServingException e) {
      return ApiResponse.error(e);
    }
  }

  private ApiResponse dispatch(String method, String path, byte[] body) {
    if (!API.matcher(path).matches()) {
      return ApiResponse.error(404, "Not found: " + path + " (the API is under /v1/models/)");
    }
    Matcher predict = PREDICT.matcher(path);
    Matcher status = STATUS.matcher(path);
    if ("POST".equals(method) && predict.matches()) {
      ModelSpec spec = spec(predict.group(1), predict.group(2), predict.group(3));
      return switch (predict.group(4)) {
        case "predict" -> predict(spec, body);
        case "classify", "regress" ->
            ApiResponse.error(
                501,
                predict.group(4)
                    + " is not supported by this server; use :predict with signature_name");
        default -> malformed(method, path);
      };
    }
    if ("GET".equals(method) && status.matches()) {
      if (status.group(1) == null) {
        return ApiResponse.error(400, "Missing model name in request.");
      }
      ModelSpec spec = spec(status.group(1), status.group(2), status.group(3));
      if ("metadata".equals(status.group(4))) {
        return ApiResponse.ok(MetadataJson.encodeMetadata(models.find(spec).metadata()));
      }
      return ApiResponse.ok(MetadataJson.encodeStatus(models.status(spec)));
    }
    if (predict.matches()) {
      return notAllowed(method, path, "POST");
    }
    if (status.matches()) {
      return notAllowed(method, path, "GET");
    }
    return malformed(method, path);
  }

  private ApiResponse predict(ModelSpec spec, byte[] body) {
    // As in TF Serving: parse the JSON, then find the model and signature, then read the tensors.
    PredictRequestJson.Decoded request =
        PredictRequestJson.decode(
            body, signature -> models.find(spec).metadata().signature(signature).inputs());
    LoadedModel model = models.find(spec);
    Map<String, TensorValue> outputs =
        runs.predict(model, request.signatureName(), request.inputs(), List.of(), timeout);
    return ApiResponse.ok(PredictResponseJson.encode(outputs, request.format()));
  }

  private static ModelSpec spec(String rawName, String version, String label) {
    String name = percentDecode(rawName);
    if (label != null) {
      throw ServingException.badRequest(
          "ModelSpec has 'version_label' set, but it is not currently allowed by the server.");
    }
    if (name.isEmpty() || name.indexOf('/') >= 0 || name.indexOf(':') >= 0) {
      throw ServingException.badRequest("Failed to decode model name:" + rawName);
    }
    if (version == null) {
      return new ModelSpec(name, OptionalLong.empty());
    }
    try {
      return ModelSpec.of(name, Long.parseLong(version));
    } catch (NumberFormatException e) {
      throw ServingException.badRequest("Failed to convert version: " + version + " to numeric.");
    }
  }

  /** curl_easy_unescape: %XX escapes only ('+' stays '+'). */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
        out.write(hex(in[i + 1]) * 16 + hex(in[i + 2]));
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(byte b) {
    return Character.digit(b, 16);
  }

  private static ApiResponse malformed(String method, String path) {
    return ApiResponse.error(400, "Malformed request: " + method + " " + path);
  }

  private static ApiResponse notAllowed(String method, String path, String allowed) {
    return ApiResponse.error(
        405,
        "Method " + method + " is not allowed on " + path + "; use " + allowed,
        Map.of("Allow", allowed));
  }
}
