package t2i.serving.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import t2i.serving.local.ModelRepository;
import t2i.serving.testing.StandInModels;

/** Clients that send part of a request and then stall must not keep others from an answer. */
class SlowClientsTest {
  static final int STALLED = 16;
  static final String PREDICT = "/v1/models/text2image:predict";
  static final String GOOD = "{\"instances\": [{\"text\": \"a rose\", \"seed\": 3}]}";
  static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir static Path dir;
  static ModelRepository models;

  /** What a stalled client sent before it stopped. */
  enum HalfOpen {
    PARTIAL_HEADERS("POST " + PREDICT + " HTTP/1.1\r\nHost: x\r\n"),
    PARTIAL_BODY(
        "POST "
            + PREDICT
            + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
            + GOOD.length()
            + "\r\n\r\n"
            + GOOD.substring(0, 10));

    final String sent;

    HalfOpen(String sent) {
      this.sent = sent;
    }
  }

  @BeforeAll
  static void load() {
    StandInModels.text2image(dir, 1);
    models = ModelRepository.load(dir);
  }

  @AfterAll
  static void unload() {
    models.close();
  }

  @ParameterizedTest
  @EnumSource(HalfOpen.class)
  void withSixteenHalfOpenConnectionsANormalRequestIsAnsweredWithinASecond(HalfOpen kind)
      throws Exception {
    try (ModelServer server =
            ModelServer.start(models, ServerOptions.defaults().withPort(0).withWorkers(2));
        StalledClients stalled = StalledClients.open(server, STALLED, kind)) {
      await(() -> server.pending() == STALLED);
      HttpResponse<String> answer = predict(server);
      assertEquals(200, answer.statusCode(), answer.body());
    }
  }

  @ParameterizedTest
  @EnumSource(HalfOpen.class)
  void aStalledClientIsCutOffAfterTheClientTimeout(HalfOpen kind) throws Exception {
    try (ModelServer server =
            ModelServer.start(
                models,
                ServerOptions.defaults()
                    .withPort(0)
                    .withClientTimeout(Duration.ofMillis(200))
                    .withShutdownGrace(Duration.ZERO));
        StalledClients stalled = StalledClients.open(server, 1, kind)) {
      Socket socket = stalled.sockets().get(0);
      socket.setSoTimeout(5_000);
      assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
      await(() -> server.pending() == 0);
      assertEquals(200, predict(server).statusCode());
    }
  }

  @Test
  void aClientThatDoesNotTakeItsAnswerIsCutOffAfterTheClientTimeout() throws Exception {
    try (ModelServer server =
            ModelServer.start(
                models,
                ServerOptions.defaults()
                    .withPort(0)
                    .withClientTimeout(Duration.ofMillis(200))
                    .withShutdownGrace(Duration.ZERO));
        Socket socket = new Socket()) {
      socket.setReceiveBufferSize(1024);
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
      // About 13 MB of answer: more than the socket buffers hold while nobody reads.
      String instance = "{\"text\": \"a rose\", \"seed\": 3}";
      byte[] body =
          ("{\"instances\": [" + String.join(",", Collections.nCopies(100, instance)) + "]}")
              .getBytes(UTF_8);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST "
                  + PREDICT
                  + " HTTP/1.1\r\nHost: x\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(UTF_8));
      out.write(body);
      out.flush();
      await(() -> server.pending() == 0);
      InputStream in = socket.getInputStream();
      String head = readHead(in);
      assertTrue(head.startsWith("HTTP/1.1 200"), head);
      Matcher length = Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
      assertTrue(length.find(), head);
      long received = countUntilClosed(in);
      assertTrue(
          received < Long.parseLong(length.group(1)),
          "the answer was cut off, " + received + " of " + length.group(1) + " bytes");
      assertEquals(200, predict(server).statusCode());
    }
  }

  static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (int c; head.indexOf("\r\n\r\n") < 0 && (c = in.read()) >= 0; ) {
      head.append((char) c);
    }
    return head.toString();
  }

  static long countUntilClosed(InputStream in) {
    long count = 0;
    byte[] buf = new byte[64 << 10];
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        count += n;
      }
    } catch (IOException reset) {
      // the server closed with data unread: as good as an end of stream here
    }
    return count;
  }

  @Test
  void beyondMaxConnectionsANewConnectionIsClosedAtOnce() throws Exception {
    try (ModelServer server =
        ModelServer.start(
            models,
            ServerOptions.defaults()
                .withPort(0)
                .withMaxConnections(2)
                .withShutdownGrace(Duration.ZERO))) {
      try (StalledClients stalled = StalledClients.open(server, 2, HalfOpen.PARTIAL_HEADERS);
          Socket refused = new Socket("127.0.0.1", server.port())) {
        await(() -> server.pending() == 2);
        refused.setSoTimeout(1_000);
        refused
            .getOutputStream()
            .write("GET /v1/models/text2image HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(UTF_8));
        assertClosedWithoutAnAnswer(refused);
      }
      await(() -> server.pending() == 0);
      assertEquals(200, predict(server).statusCode());
    }
  }

  @Test
  void theLimitsHaveSaneDefaultsAndRefuseNonsense() {
    ServerOptions defaults = ServerOptions.defaults();
    assertEquals(Duration.ofSeconds(30), defaults.clientTimeout());
    assertEquals(64, defaults.maxConnections());
    assertThrows(IllegalArgumentException.class, () -> defaults.withClientTimeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> defaults.withMaxConnections(0));
  }

  static void assertClosedWithoutAnAnswer(Socket socket) throws IOException {
    try {
      assertEquals(-1, socket.getInputStream().read());
    } catch (SocketException reset) {
      // closed while our request was unread: a reset, as good as an end of stream here
    }
  }

  static HttpResponse<String> predict(ModelServer server) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUri() + PREDICT))
            .POST(HttpRequest.BodyPublishers.ofString(GOOD))
            .timeout(Duration.ofSeconds(1))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Raw sockets that each sent part of a request and send nothing more until closed. */
  record StalledClients(List<Socket> sockets) implements AutoCloseable {
    static StalledClients open(ModelServer server, int count, HalfOpen kind) throws IOException {
      StalledClients clients = new StalledClients(new ArrayList<>());
      try {
        for (int i = 0; i < count; i++) {
          Socket socket = new Socket("127.0.0.1", server.port());
          clients.sockets.add(socket);
          OutputStream out = socket.getOutputStream();
          out.write(kind.sent.getBytes(UTF_8));
          out.flush();
        }
      } catch (IOException | RuntimeException e) {
        clients.close();
        throw e;
      }
      return clients;
    }

    @Override
    public void close() throws IOException {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting");
      Thread.sleep(10);
    }
  }
}
