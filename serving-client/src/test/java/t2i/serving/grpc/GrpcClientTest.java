package t2i.serving.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageClient;
import t2i.serving.grpc.proto.GetModelMetadataRequest;
import t2i.serving.grpc.proto.PredictRequest;
import t2i.serving.grpc.proto.PredictResponse;
import t2i.serving.grpc.proto.PredictionServiceGrpc;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RestClient;
import t2i.serving.server.BatchingOptions;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.serving.testing.StandInModels;

/**
 * The gRPC client against the gRPC server, both on TF Serving's wire format: the same answers as in
 * process and over REST, and TF Serving's statuses for bad requests, after which it keeps serving.
 */
class GrpcClientTest {
  @TempDir static Path dir;
  static ModelRepository models;
  static GrpcModelServer server;
  static InProcessClient local;
  static GrpcClient grpc;
  static ManagedChannel channel;
  static final ModelSpec T2I = ModelSpec.latest("text2image");
  static final ModelSpec ECHO = ModelSpec.latest(StandInModels.ECHO);
  static final Map<String, TensorValue> GOOD =
      Map.of("text", TensorValue.strings("a"), "seed", TensorValue.longs(1));

  @BeforeAll
  static void start() {
    StandInModels.text2image(dir, 1);
    StandInModels.text2image(dir, 2);
    StandInModels.echo(dir);
    models = ModelRepository.load(dir);
    server = GrpcModelServer.start(models, ServerOptions.defaults().withPort(0).withWorkers(2));
    local = InProcessClient.over(models);
    grpc = GrpcClient.connect(server.target());
    channel = NettyChannelBuilder.forTarget(server.target()).usePlaintext().build();
  }

  @AfterAll
  static void stop() {
    grpc.close();
    channel.shutdownNow();
    server.close();
    models.close();
  }

  @Test
  void grpcRestAndInProcessGiveIdenticalOutputs() throws IOException {
    Map<String, TensorValue> inputs =
        Map.of(
            "text", TensorValue.strings("a red rose", "", "日本語 🌹"),
            "seed", TensorValue.longs(0, 123456789012345L, -5));
    Map<String, TensorValue> expected = local.predict(T2I, "serving_default", inputs);
    assertEquals(expected, grpc.predict(T2I, null, inputs));
    try (ModelServer rest = ModelServer.start(models, ServerOptions.defaults().withPort(0));
        RestClient client = RestClient.connect(rest.baseUri())) {
      assertEquals(expected, client.predict(T2I, null, inputs));
    }
  }

  @Test
  void binaryStringsAndEveryNumberSurvive() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, '"', '\\', '\n'};
    Map<String, TensorValue> in =
        Map.of("data", TensorValue.ofBytes(List.of(binary, new byte[0]), 2));
    Map<String, TensorValue> out = grpc.predict(ECHO, null, in);
    assertArrayEquals(binary, out.get("raw").bytes(0));
    assertEquals(0, out.get("raw").bytes(1).length);
    assertEquals(local.predict(ECHO, null, in), out);
    float[] odd = {Float.MIN_VALUE, -0f, Float.NaN, Float.MAX_VALUE, 1e-38f, -3.5f};
    Map<String, TensorValue> x = Map.of("x", TensorValue.ofFloats(odd, 3, 2));
    assertEquals(local.predict(ECHO, "double", x), grpc.predict(ECHO, "double", x));
  }

  @Test
  void metadataAndStatusMatchInProcess() {
    assertEquals(local.metadata(T2I), grpc.metadata(T2I));
    assertEquals(local.metadata(ECHO), grpc.metadata(ECHO));
    assertEquals(
        local.metadata(ModelSpec.of("text2image", 1)),
        grpc.metadata(ModelSpec.of("text2image", 1)));
    assertEquals(local.status(T2I), grpc.status(T2I));
    assertEquals(2, grpc.status(T2I).size());
    assertEquals(
        local.status(ModelSpec.of("text2image", 1)), grpc.status(ModelSpec.of("text2image", 1)));
  }

  @Test
  void typedClientGivesTheSameImagesAsInProcess() {
    List<String> texts = List.of("a", "bb", "ccc", "dddd", "eeeee");
    List<Long> seeds = List.of(5L, 4L, 3L, 2L, 1L);
    List<GeneratedImage> viaGrpc =
        Text2ImageClient.builder(grpc).maxBatchSize(2).build().generate(texts, seeds);
    List<GeneratedImage> inProcess =
        Text2ImageClient.builder(local).maxBatchSize(3).build().generate(texts, seeds);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(inProcess.get(i).pixels(), viaGrpc.get(i).pixels());
      assertArrayEquals(inProcess.get(i).png(), viaGrpc.get(i).png());
    }
  }

  @Test
  void pngsOverGrpcAreTheInProcessPngs() {
    List<String> texts = List.of("a", "bb", "ccc");
    List<Long> seeds = List.of(3L, 2L, 1L);
    var viaGrpc = Text2ImageClient.builder(grpc).build().generatePngs(texts, seeds);
    var inProcess = Text2ImageClient.builder(local).build().generate(texts, seeds);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(inProcess.get(i).png(), viaGrpc.get(i).png());
    }
  }

  @Test
  void theResponseNamesTheVersionAndSignatureThatAnsweredAndHonoursTheOutputFilter() {
    PredictResponse r =
        stub()
            .predict(
                PredictRequest.newBuilder()
                    .setModelSpec(GrpcMessages.spec(T2I, null))
                    .putAllInputs(encode(GOOD))
                    .addOutputFilter("png_bytes")
                    .build());
    assertEquals("text2image", r.getModelSpec().getName());
    assertEquals(2, r.getModelSpec().getVersion().getValue());
    assertEquals("serving_default", r.getModelSpec().getSignatureName());
    assertEquals(List.of("png_bytes"), List.copyOf(r.getOutputsMap().keySet()));
    assertEquals(
        local.predict(T2I, null, GOOD).get("png_bytes"),
        TensorProtoCodec.decode("png_bytes", r.getOutputsOrThrow("png_bytes")));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "output tensor alias not found in signature: nope",
        () ->
            stub()
                .predict(
                    PredictRequest.newBuilder()
                        .setModelSpec(GrpcMessages.spec(T2I, null))
                        .putAllInputs(encode(GOOD))
                        .addOutputFilter("nope")
                        .build()));
  }

  @Test
  void badRequestsGetTfServingsStatusesAndTheServerKeepsServing() {
    assertStatus(
        Status.Code.NOT_FOUND,
        "Servable not found for request: Latest(nope)",
        () -> stub().predict(request(ModelSpec.latest("nope"), null, GOOD)));
    assertStatus(
        Status.Code.NOT_FOUND,
        "Servable not found for request: Specific(text2image, 7)",
        () -> stub().predict(request(ModelSpec.of("text2image", 7), null, GOOD)));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "Serving signature name: \"nope\" not found in signature def",
        () -> stub().predict(request(T2I, "nope", GOOD)));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "input seed expects dtype DT_INT64 but got DT_FLOAT",
        () ->
            stub()
                .predict(
                    request(
                        T2I,
                        null,
                        Map.of("text", TensorValue.strings("a"), "seed", TensorValue.floats(1)))));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "Missing but required: {seed}",
        () -> stub().predict(request(T2I, null, Map.of("text", TensorValue.strings("a")))));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "expects shape",
        () ->
            stub()
                .predict(
                    request(
                        T2I,
                        null,
                        Map.of(
                            "text",
                            TensorValue.ofStrings(List.of("a"), 1, 1),
                            "seed",
                            TensorValue.longs(1)))));
    TensorProto short_ =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_INT64)
            .setTensorShape(TensorShapeProto.newBuilder().addDim(dim(3)))
            .addInt64Val(1)
            .addInt64Val(2)
            .build();
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "seed: 2 values given for shape [3], which holds 3",
        () ->
            stub()
                .predict(
                    PredictRequest.newBuilder()
                        .setModelSpec(GrpcMessages.spec(T2I, null))
                        .putInputs(
                            "text", TensorProtoCodec.encode(TensorValue.strings("a", "b", "c")))
                        .putInputs("seed", short_)
                        .build()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "version_label",
        () ->
            stub()
                .predict(
                    PredictRequest.newBuilder()
                        .setModelSpec(
                            t2i.serving.grpc.proto.ModelSpec.newBuilder()
                                .setName("text2image")
                                .setVersionLabel("stable"))
                        .build()));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "at least one metadata_field",
        () ->
            stub()
                .getModelMetadata(
                    GetModelMetadataRequest.newBuilder()
                        .setModelSpec(GrpcMessages.spec(T2I, null))
                        .build()));
    assertStatus(
        Status.Code.INTERNAL,
        "Failed to parse request",
        () -> garbage(new byte[] {(byte) 0xFF, 0x01, 0x02}));
    assertEquals(local.predict(T2I, null, GOOD), grpc.predict(T2I, null, GOOD));
  }

  @Test
  void theClientRaisesTheRestClientsHttpStatuses() {
    ServingException e =
        assertThrows(
            ServingException.class, () -> grpc.predict(ModelSpec.latest("nope"), null, GOOD));
    assertEquals(404, e.httpStatus());
    assertEquals("Servable not found for request: Latest(nope)", e.getMessage());
    e =
        assertThrows(
            ServingException.class,
            () -> grpc.predict(T2I, null, Map.of("text", TensorValue.strings("a"))));
    assertEquals(400, e.httpStatus());
  }

  @Test
  void anOversizeMessageIsResourceExhaustedAndTheServerKeepsServing() {
    try (GrpcModelServer small =
            GrpcModelServer.start(
                models, ServerOptions.defaults().withPort(0).withMaxBodyBytes(64 << 10));
        GrpcClient client = GrpcClient.connect(small.target())) {
      String big = "x".repeat(100 << 10);
      ServingException e =
          assertThrows(
              ServingException.class,
              () ->
                  client.predict(
                      T2I,
                      null,
                      Map.of("text", TensorValue.strings(big), "seed", TensorValue.longs(1))));
      assertEquals(429, e.httpStatus(), e.getMessage());
      assertEquals(local.predict(T2I, null, GOOD), client.predict(T2I, null, GOOD));
    }
  }

  @Test
  void aModelRunPastTheDeadlineIsDeadlineExceeded() {
    Map<String, TensorValue> n = Map.of("n", TensorValue.ofFloats(new float[] {1}));
    try (GrpcModelServer strict =
            GrpcModelServer.start(
                models, ServerOptions.defaults().withPort(0).withTimeout(Duration.ofMillis(1)));
        GrpcClient client = GrpcClient.connect(strict.target())) {
      ServingException e =
          assertThrows(ServingException.class, () -> client.predict(ECHO, "slow", n));
      assertEquals(504, e.httpStatus(), e.getMessage());
    }
    try (GrpcClient impatient = GrpcClient.connect(server.target(), Duration.ofNanos(1), 1 << 20)) {
      ServingException e =
          assertThrows(ServingException.class, () -> impatient.predict(ECHO, "slow", n));
      assertEquals(504, e.httpStatus(), e.getMessage());
    }
    assertEquals(1e9, grpc.predict(ECHO, "slow", n).get("total").floats()[0], 1e3);
  }

  @Test
  void sixteenHalfOpenConnectionsDoNotDelayANormalRequest() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        // Half of them stop inside the HTTP/2 preface, half after a frame header with no body.
        if (i % 2 == 0) {
          out.write("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.write(new byte[] {0, 0, 100, 4, 0, 0, 0, 0, 0});
        }
        out.flush();
        stalled.add(s);
      }
      long start = System.nanoTime();
      Map<String, TensorValue> answer =
          CompletableFuture.supplyAsync(() -> grpc.predict(T2I, null, GOOD))
              .get(1, TimeUnit.SECONDS);
      assertEquals(local.predict(T2I, null, GOOD), answer);
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @Test
  void withBatchingConcurrentClientsGetTheSameAnswersInFewerModelRuns() throws Exception {
    ServerOptions batching =
        ServerOptions.defaults()
            .withPort(0)
            .withBatching(new BatchingOptions(16, Duration.ofMillis(200), 64));
    var model = models.find(T2I);
    try (GrpcModelServer batched = GrpcModelServer.start(models, batching);
        GrpcClient client = GrpcClient.connect(batched.target())) {
      List<Map<String, TensorValue>> requests = new ArrayList<>();
      List<Map<String, TensorValue>> expected = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Map<String, TensorValue> r =
            Map.of("text", TensorValue.strings("text " + i), "seed", TensorValue.longs(i));
        requests.add(r);
        expected.add(local.predict(T2I, null, r));
      }
      long before = model.runCount();
      List<CompletableFuture<Map<String, TensorValue>>> answers = new ArrayList<>();
      for (Map<String, TensorValue> r : requests) {
        answers.add(CompletableFuture.supplyAsync(() -> client.predict(T2I, null, r)));
      }
      for (int i = 0; i < requests.size(); i++) {
        assertEquals(expected.get(i), answers.get(i).get(30, TimeUnit.SECONDS));
      }
      long runs = model.runCount() - before;
      assertTrue(runs < requests.size(), runs + " model runs for 8 concurrent requests");
    }
  }

  @Test
  void aConnectionThatNeverFinishesItsHelloIsClosedAfterTheClientTimeout() throws Exception {
    try (GrpcModelServer strict =
            GrpcModelServer.start(
                models,
                ServerOptions.defaults().withPort(0).withClientTimeout(Duration.ofMillis(200)));
        Socket s = new Socket("127.0.0.1", strict.port())) {
      s.getOutputStream().write("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
      s.setSoTimeout(5_000);
      long start = System.nanoTime();
      // The server sends its own settings first; then it closes the connection.
      InputStream in = s.getInputStream();
      while (in.read() >= 0) {
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3), "still open");
      }
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
    }
  }

  @Test
  void anUnreachableServerIsStatusZero() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (GrpcClient client = GrpcClient.connect("127.0.0.1:" + port)) {
      ServingException e = assertThrows(ServingException.class, () -> client.status(T2I));
      assertEquals(0, e.httpStatus(), e.getMessage());
    }
  }

  @Test
  void closeFinishesACallInFlight() throws Exception {
    Map<String, TensorValue> n = Map.of("n", TensorValue.ofFloats(new float[] {2}));
    GrpcModelServer s = GrpcModelServer.start(models, ServerOptions.defaults().withPort(0));
    try (GrpcClient client = GrpcClient.connect(s.target())) {
      CompletableFuture<Map<String, TensorValue>> inFlight =
          CompletableFuture.supplyAsync(() -> client.predict(ECHO, "slow", n));
      Thread.sleep(20);
      s.close();
      assertEquals(4e9, inFlight.get(10, TimeUnit.SECONDS).get("total").floats()[0], 1e4);
      assertThrows(ServingException.class, () -> client.predict(T2I, null, GOOD));
    }
  }

  private static PredictionServiceGrpc.PredictionServiceBlockingStub stub() {
    return PredictionServiceGrpc.newBlockingStub(channel);
  }

  private static PredictRequest request(
      ModelSpec spec, String signature, Map<String, TensorValue> inputs) {
    return PredictRequest.newBuilder()
        .setModelSpec(GrpcMessages.spec(spec, signature))
        .putAllInputs(encode(inputs))
        .build();
  }

  private static Map<String, TensorProto> encode(Map<String, TensorValue> inputs) {
    Map<String, TensorProto> out = new java.util.LinkedHashMap<>();
    inputs.forEach((k, v) -> out.put(k, TensorProtoCodec.encode(v)));
    return out;
  }

  private static TensorShapeProto.Dim dim(long size) {
    return TensorShapeProto.Dim.newBuilder().setSize(size).build();
  }

  private static void assertStatus(Status.Code code, String message, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus()));
    String description = String.valueOf(e.getStatus().getDescription());
    assertTrue(description.contains(message), description);
  }

  /** Sends bytes that are no PredictRequest to Predict. */
  private static byte[] garbage(byte[] body) {
    MethodDescriptor.Marshaller<byte[]> raw =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            try {
              return stream.readAllBytes();
            } catch (IOException e) {
              throw new IllegalStateException(e);
            }
          }
        };
    MethodDescriptor<byte[], byte[]> predict =
        PredictionServiceGrpc.getPredictMethod().toBuilder(raw, raw).build();
    return ClientCalls.blockingUnaryCall(channel, predict, CallOptions.DEFAULT, body);
  }
}
