package t2i.serving.rest;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.PredictClient;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorValue;

/**
 * A {@link PredictClient} over TF Serving's REST API ({@code /v1/models/...}), for a real TF
 * Serving or {@code t2i serve}. Output dtypes and names come from the model's metadata, fetched
 * once per model spec and cached. Thread-safe.
 */
public final class RestClient implements PredictClient {
  private final URI base;
  private final HttpClient http;
  private final RequestFormat format;
  private final boolean base64Strings;
  private final Duration requestTimeout;
  private final Map<ModelSpec, ModelMetadata> metadata = new ConcurrentHashMap<>();

  private RestClient(Builder b) {
    this.base = b.base;
    this.format = b.format;
    this.base64Strings = b.base64Strings;
    this.requestTimeout = b.requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(b.connectTimeout)
            .build();
  }

  /** A client for the server at {@code base}, e.g. {@code http://127.0.0.1:8501}. */
  public static Builder builder(URI base) {
    return new Builder(base);
  }

  public static RestClient connect(URI base) {
    return builder(base).build();
  }

  /** Options of a {@link RestClient}. */
  public static final class Builder {
    private final URI base;
    private RequestFormat format = RequestFormat.COLUMNAR;
    private boolean base64Strings;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(120);

    private Builder(URI base) {
      checkArgument(
          base != null
              && ("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
              && base.getHost() != null,
          "a server URL looks like http://127.0.0.1:8501, was %s",
          base);
      String s = base.toString();
      this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Row ({@code instances}) or columnar ({@code inputs}, the default) request bodies. */
    public Builder format(RequestFormat format) {
      this.format = format;
      return this;
    }

    /** Send every string as {@code {"b64": ...}}, not only those that are not UTF-8. */
    public Builder base64Strings(boolean base64Strings) {
      this.base64Strings = base64Strings;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = timeout;
      return this;
    }

    public RestClient build() {
      return new RestClient(this);
    }
  }

  public URI base() {
    return base;
  }

  @Override
  public Map<String, TensorValue> predict(
      ModelSpec model, String signatureName, Map<String, TensorValue> inputs) {
    byte[] body = PredictRequestJson.encode(signatureName, inputs, format, base64Strings);
    byte[] answer = send(post(modelPath(model) + ":predict", body));
    SignatureInfo signature;
    try {
      signature = metadata(model).signature(signatureName);
    } catch (ServingException e) {
      // The model may have been reloaded since we cached its metadata.
      metadata.remove(model);
      signature = metadata(model).signature(signatureName);
    }
    return PredictResponseJson.decode(answer, signature.outputs());
  }

  @Override
  public ModelMetadata metadata(ModelSpec model) {
    ModelMetadata m = metadata.get(model);
    if (m == null) {
      m = MetadataJson.decodeMetadata(send(get(modelPath(model) + "/metadata")));
      metadata.put(model, m);
    }
    return m;
  }

  @Override
  public List<ModelVersionStatus> status(ModelSpec model) {
    return MetadataJson.decodeStatus(send(get(modelPath(model))));
  }

  private String modelPath(ModelSpec model) {
    String path = "/v1/models/" + URLEncoder.encode(model.name(), StandardCharsets.UTF_8);
    if (model.version().isPresent()) {
      path += "/versions/" + model.version().getAsLong();
    }
    return path;
  }

  private HttpRequest post(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(requestTimeout).GET().build();
  }

  /** The body of a 200 answer; any other status becomes a {@link ServingException}. */
  private byte[] send(HttpRequest request) {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException e) {
      throw new ServingException(0, "cannot connect to " + base + " (is the server running?)", e);
    } catch (HttpTimeoutException e) {
      throw new ServingException(0, "no answer from " + base + " within " + requestTimeout, e);
    } catch (IOException e) {
      throw new ServingException(0, "request to " + base + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServingException(0, "interrupted while calling " + base, e);
    }
    if (response.statusCode() != 200) {
      throw new ServingException(response.statusCode(), errorMessage(response));
    }
    return response.body();
  }

  /** The {@code error} of TF Serving's error JSON, or the start of whatever else came back. */
  private static String errorMessage(HttpResponse<byte[]> response) {
    byte[] body = response.body();
    try {
      JsonDocument doc = JsonDocument.parseResponse(body);
      JsonElement root = doc.root();
      if (root.isJsonObject() && root.getAsJsonObject().has("error")) {
        String error = root.getAsJsonObject().get("error").getAsString();
        return new String(doc.bytes(error), StandardCharsets.UTF_8);
      }
    } catch (RuntimeException e) {
      // not JSON: fall through
    }
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.length() > 200) {
      text = text.substring(0, 200) + "...";
    }
    return "HTTP " + response.statusCode() + (text.isEmpty() ? "" : ": " + text);
  }

  @Override
  public void close() {
    metadata.clear();
  }
}
