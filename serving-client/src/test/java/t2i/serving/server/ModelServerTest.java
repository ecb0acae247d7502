package t2i.serving.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.local.ModelRepository;
import t2i.serving.testing.StandInModels;

/** The REST server over real sockets: routes, status codes, error bodies, limits, shutdown. */
class ModelServerTest {
  @TempDir static Path dir;
  static ModelRepository models;
  static ModelServer server;
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static final String GOOD = "{\"instances\": [{\"text\": \"a rose\", \"seed\": 3}]}";

  record Answer(int status, String body, Optional<String> allow) {
    JsonObject json() {
      return JsonParser.parseString(body).getAsJsonObject();
    }

    String error() {
      return json().get("error").getAsString();
    }
  }

  @BeforeAll
  static void start() throws IOException {
    StandInModels.text2image(dir, 1);
    StandInModels.text2image(dir, 2);
    StandInModels.echo(dir);
    models = ModelRepository.load(dir);
    server = ModelServer.start(models, ServerOptions.defaults().withPort(0).withWorkers(2));
  }

  @AfterAll
  static void stop() {
    server.close();
    models.close();
  }

  static Answer call(ModelServer s, String method, String path, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(s.baseUri() + path)).method(method, body).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(
        Optional.of("application/json"), r.headers().firstValue("Content-Type"), method + path);
    return new Answer(
        r.statusCode(),
        new String(r.body(), StandardCharsets.ISO_8859_1),
        r.headers().firstValue("Allow"));
  }

  static Answer call(String method, String path, String body) throws Exception {
    return call(server, method, path, HttpRequest.BodyPublishers.ofString(body));
  }

  static Answer get(String path) throws Exception {
    return call(server, "GET", path, HttpRequest.BodyPublishers.noBody());
  }

  static void assertGoodRequestWorks() throws Exception {
    Answer a = call("POST", "/v1/models/text2image:predict", GOOD);
    assertEquals(200, a.status(), a.body());
    JsonObject p = a.json().getAsJsonArray("predictions").get(0).getAsJsonObject();
    assertEquals(64, p.getAsJsonArray("image").size());
  }

  @Test
  void statusAndMetadataAsTfServingAnswersThem() throws Exception {
    Answer all = get("/v1/models/text2image");
    assertEquals(200, all.status());
    assertEquals(
        JsonParser.parseString(
            "{\"model_version_status\": ["
                + "{\"version\": \"2\", \"state\": \"AVAILABLE\","
                + " \"status\": {\"error_code\": \"OK\", \"error_message\": \"\"}},"
                + "{\"version\": \"1\", \"state\": \"AVAILABLE\","
                + " \"status\": {\"error_code\": \"OK\", \"error_message\": \"\"}}]}"),
        all.json());
    Answer one = get("/v1/models/text2image/versions/1");
    assertEquals(1, one.json().getAsJsonArray("model_version_status").size());

    Answer meta = get("/v1/models/text2image/metadata");
    assertEquals(200, meta.status());
    assertEquals("2", meta.json().getAsJsonObject("model_spec").get("version").getAsString());
    JsonObject sig =
        meta.json()
            .getAsJsonObject("metadata")
            .getAsJsonObject("signature_def")
            .getAsJsonObject("signature_def")
            .getAsJsonObject("serving_default");
    assertEquals("tensorflow/serving/predict", sig.get("method_name").getAsString());
    assertEquals(
        "DT_INT64",
        sig.getAsJsonObject("inputs").getAsJsonObject("seed").get("dtype").getAsString());
    // Paths are case-insensitive, as TF Serving's patterns are.
    assertEquals(200, get("/V1/Models/text2image/Versions/1/metadata").status());
  }

  @Test
  void predictAnswersRowsWithPredictionsAndColumnsWithOutputs() throws Exception {
    Answer rows = call("POST", "/v1/models/text2image/versions/1:predict", GOOD);
    assertEquals(200, rows.status(), rows.body());
    JsonElement image =
        rows.json().getAsJsonArray("predictions").get(0).getAsJsonObject().get("image");
    assertEquals(64, image.getAsJsonArray().get(0).getAsJsonArray().size());
    Answer columns =
        call(
            "POST",
            "/v1/models/text2image:predict",
            "{\"signature_name\": \"serving_default\","
                + " \"inputs\": {\"text\": [\"a\", \"b\"], \"seed\": [1, 2]}}");
    assertEquals(200, columns.status(), columns.body());
    JsonObject outputs = columns.json().getAsJsonObject("outputs");
    assertEquals(2, outputs.getAsJsonArray("image").size());
    assertEquals(2, outputs.getAsJsonArray("png_bytes").size());
    // "png_bytes" ends in _bytes: TF Serving sends its bytes as {"b64": ...}.
    String b64 =
        outputs.getAsJsonArray("png_bytes").get(0).getAsJsonObject().get("b64").getAsString();
    byte[] png = Base64.getDecoder().decode(b64);
    assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
  }

  @Test
  void badRequestsGetTfServingsStatusAndAnErrorBodyAndTheServerKeepsServing() throws Exception {
    String t2i = "/v1/models/text2image:predict";
    Object[][] cases = {
      {"POST", t2i, "{\"instances\": [", 400, "JSON Parse error: "},
      {"POST", t2i, "", 400, "JSON Parse error: The document is empty"},
      {"POST", t2i, "[1]", 400, "JSON Value: [1] Is not object"},
      {
        "POST",
        t2i,
        "{\"inputs\": {\"text\": [[\"a\"]], \"seed\": [1]}}",
        400,
        "input text expects shape [-1] but got [1,1]"
      },
      {
        "POST",
        t2i,
        "{\"inputs\": {\"text\": [\"a\"], \"seed\": [\"one\"]}}",
        400,
        "JSON Value: \"one\" Type: String is not of expected type: int64"
      },
      {
        "POST",
        t2i,
        "{\"inputs\": {\"text\": [\"a\"]}}",
        400,
        "Missing named input: seed in 'inputs' object."
      },
      {
        "POST",
        t2i,
        "{\"signature_name\": \"nope\", \"inputs\": {}}",
        400,
        "Serving signature name: \"nope\" not found in signature def"
      },
      {
        "POST", "/v1/models/nope:predict", GOOD, 404, "Servable not found for request: Latest(nope)"
      },
      {
        "POST",
        "/v1/models/text2image/versions/9:predict",
        GOOD,
        404,
        "Servable not found for request: Specific(text2image, 9)"
      },
      {"GET", "/v1/models/nope", "", 404, "Could not find any versions of model nope"},
      {
        "GET",
        "/v1/models/text2image/versions/9",
        "",
        404,
        "Could not find version 9 of model text2image"
      },
      {"GET", "/v1/models/nope/metadata", "", 404, "Servable not found for request: Latest(nope)"},
      {"GET", "/v1/models", "", 400, "Missing model name in request."},
      {"GET", "/index.html", "", 404, "Not found: /index.html"},
      {
        "POST",
        "/v1/models/text2image:explain",
        GOOD,
        400,
        "Malformed request: POST /v1/models/text2image:explain"
      },
      {"POST", "/v1/models/text2image:classify", GOOD, 501, "classify is not supported"},
      {
        "POST",
        "/v1/models/text2image/labels/stable:predict",
        GOOD,
        400,
        "ModelSpec has 'version_label' set"
      },
      {"GET", t2i, "", 405, "Method GET is not allowed on " + t2i + "; use POST"},
      {"PUT", t2i, GOOD, 405, "Method PUT is not allowed"},
      {"POST", "/v1/models/text2image", GOOD, 405, "Method POST is not allowed"},
      {"DELETE", "/v1/models/text2image", "", 405, "Method DELETE is not allowed"},
    };
    for (Object[] c : cases) {
      Answer a = call((String) c[0], (String) c[1], (String) c[2]);
      String what = c[0] + " " + c[1] + " " + c[2];
      assertEquals(c[3], a.status(), what + " -> " + a.body());
      assertTrue(a.error().startsWith((String) c[4]), what + " -> " + a.error());
      if (a.status() == 405) {
        assertTrue(a.allow().isPresent(), what);
      }
    }
    assertGoodRequestWorks();
  }

  @Test
  void headGetsTheStatusWithoutABody() throws Exception {
    Answer a =
        call(server, "HEAD", "/v1/models/text2image:predict", HttpRequest.BodyPublishers.noBody());
    assertEquals(405, a.status());
    assertEquals("", a.body());
    assertGoodRequestWorks();
  }

  @Test
  void bodiesThatAreNotUtf8AreBadRequests() throws Exception {
    byte[] body =
        "{\"inputs\": {\"text\": [\"\u00ff\"], \"seed\": [1]}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    Answer a =
        call(
            server,
            "POST",
            "/v1/models/text2image:predict",
            HttpRequest.BodyPublishers.ofByteArray(body));
    assertEquals(400, a.status());
    assertTrue(a.error().startsWith("JSON Parse error: Invalid encoding"), a.error());
    assertGoodRequestWorks();
  }

  @Test
  void bodiesOverTheLimitAre413WithOrWithoutContentLength() throws Exception {
    byte[] big = new byte[50 << 20];
    Arrays.fill(big, (byte) ' ');
    Answer declared =
        call(
            server,
            "POST",
            "/v1/models/text2image:predict",
            HttpRequest.BodyPublishers.ofByteArray(big));
    assertEquals(413, declared.status());
    assertEquals("the request body is larger than the server's limit of 16 MB", declared.error());
    // Chunked: no Content-Length, the server counts as it reads.
    Answer chunked =
        call(
            server,
            "POST",
            "/v1/models/text2image:predict",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
    assertEquals(413, chunked.status());
    assertGoodRequestWorks();
  }

  @Test
  void closeRefusesNewRequestsFinishesThoseInFlightThenStops() throws Exception {
    ModelServer s = ModelServer.start(models, ServerOptions.defaults().withPort(0).withWorkers(2));
    byte[] body = GOOD.getBytes(UTF_8);
    try (Socket socket = new Socket("127.0.0.1", s.port())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/models/text2image:predict HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.write(body, 0, 10); // the request is in flight: headers and part of the body
      out.flush();
      await(() -> s.pending() == 1);
      CompletableFuture<Void> closing = CompletableFuture.runAsync(s::close);
      await(s::isClosing);
      assertFalse(closing.isDone(), "close() waits for the request in flight");
      Answer late = call(s, "GET", "/v1/models/text2image", HttpRequest.BodyPublishers.noBody());
      assertEquals(503, late.status());
      assertEquals("the server is shutting down", late.error());
      out.write(body, 10, body.length - 10);
      out.flush();
      String head = readHead(socket.getInputStream());
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      closing.get(10, TimeUnit.SECONDS);
    }
    assertTrue(s.isTerminated());
    IOException refused = assertThrows(IOException.class, () -> get(s, "/v1/models/text2image"));
    assertTrue(refused instanceof ConnectException, refused.toString());
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting");
      Thread.sleep(10);
    }
  }

  static Answer get(ModelServer s, String path) throws IOException, InterruptedException {
    return call(s, "GET", path, HttpRequest.BodyPublishers.noBody());
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0 && !sb.toString().endsWith("\r\n\r\n")) {
      sb.append((char) c);
    }
    return sb.toString();
  }

  @Test
  void aModelRunPastTheDeadlineIs504() throws Exception {
    try (ModelServer s =
        ModelServer.start(
            models, ServerOptions.defaults().withPort(0).withTimeout(Duration.ofMillis(1)))) {
      Answer a =
          call(
              s,
              "POST",
              "/v1/models/echo:predict",
              HttpRequest.BodyPublishers.ofString(
                  "{\"signature_name\": \"slow\", \"inputs\": 1.0}"));
      assertEquals(504, a.status(), a.body());
      assertTrue(a.error().contains("Timed out"), a.error());
    }
    // Without a deadline the same request answers: a scalar in, a scalar out.
    Answer ok =
        call("POST", "/v1/models/echo:predict", "{\"signature_name\": \"slow\", \"inputs\": 1.0}");
    assertEquals(200, ok.status(), ok.body());
    assertEquals(1e9, ok.json().get("outputs").getAsDouble(), 1e3);
  }

  @Test
  void answersAreSentWithoutWaitingForTheClientsAck() {
    // ModelServer is loaded by the time this runs (the fixture started one).
    assertEquals("true", System.getProperty(ModelServer.NODELAY));
  }

  @Test
  void bindsLoopbackByDefault() {
    assertEquals("127.0.0.1", ServerOptions.defaults().host());
    assertEquals(8501, ServerOptions.defaults().port());
    assertEquals(Duration.ofSeconds(30), ServerOptions.defaults().timeout());
    assertEquals("127.0.0.1", server.baseUri().getHost());
  }
}
