package t2i.serving.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.GeneratedImage;
import t2i.serving.ModelSpec;
import t2i.serving.PredictClient;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageClient;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;
import t2i.serving.testing.StandInModels;

/** The REST client against the REST server: the same answers as in process, both formats. */
class RestClientTest {
  @TempDir static Path dir;
  static ModelRepository models;
  static ModelServer server;
  static InProcessClient local;
  static final ModelSpec T2I = ModelSpec.latest("text2image");
  static final ModelSpec ECHO = ModelSpec.latest(StandInModels.ECHO);

  @BeforeAll
  static void start() throws IOException {
    StandInModels.text2image(dir, 1);
    StandInModels.echo(dir);
    models = ModelRepository.load(dir);
    server = ModelServer.start(models, ServerOptions.defaults().withPort(0).withWorkers(2));
    local = InProcessClient.over(models);
  }

  @AfterAll
  static void stop() {
    server.close();
    models.close();
  }

  static RestClient rest(RequestFormat format, boolean b64) {
    return RestClient.builder(server.baseUri()).format(format).base64Strings(b64).build();
  }

  @Test
  void restAndInProcessGiveIdenticalOutputsInBothFormats() {
    Map<String, TensorValue> inputs =
        Map.of(
            "text", TensorValue.strings("a red rose", "", "日本語 🌹"),
            "seed", TensorValue.longs(0, 123456789012345L, -5));
    Map<String, TensorValue> expected = local.predict(T2I, "serving_default", inputs);
    for (RequestFormat f : RequestFormat.values()) {
      for (boolean b64 : new boolean[] {false, true}) {
        try (RestClient rest = rest(f, b64)) {
          assertEquals(expected, rest.predict(T2I, null, inputs), f + " b64=" + b64);
        }
      }
    }
  }

  @Test
  void metadataAndStatusMatchInProcess() {
    try (RestClient rest = RestClient.connect(server.baseUri())) {
      assertEquals(local.metadata(T2I), rest.metadata(T2I));
      assertEquals(local.metadata(ECHO), rest.metadata(ECHO));
      assertEquals(local.status(T2I), rest.status(T2I));
    }
  }

  @Test
  void binaryStringsSurviveBothDirections() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, '"', '\\', '\n'};
    byte[] text = "héllo".getBytes(UTF_8);
    Map<String, TensorValue> inputs = Map.of("data", TensorValue.ofBytes(List.of(binary, text), 2));
    for (RequestFormat f : RequestFormat.values()) {
      for (boolean b64 : new boolean[] {false, true}) {
        try (RestClient rest = rest(f, b64)) {
          Map<String, TensorValue> out = rest.predict(ECHO, null, inputs);
          // data_bytes comes back as {"b64": ...}, raw byte for byte: both must equal the input.
          assertArrayEquals(binary, out.get("data_bytes").bytes(0));
          assertArrayEquals(binary, out.get("raw").bytes(0));
          assertArrayEquals(text, out.get("raw").bytes(1));
          assertArrayEquals(new long[] {binary.length, text.length}, out.get("length").longs());
          assertEquals(local.predict(ECHO, null, inputs), out);
        }
      }
    }
  }

  @Test
  void singleInputSingleOutputSignatures() {
    Map<String, TensorValue> in = Map.of("x", TensorValue.ofFloats(new float[] {1, 2, 3, 4}, 2, 2));
    for (RequestFormat f : RequestFormat.values()) {
      try (RestClient rest = rest(f, false)) {
        assertEquals(
            Map.of("y", TensorValue.ofFloats(new float[] {2, 4, 6, 8}, 2, 2)),
            rest.predict(ECHO, "double", in));
      }
    }
  }

  @Test
  void typedClientGivesTheSameImagesOverBothBackends() {
    List<String> texts = List.of("a", "bb", "ccc", "dddd", "eeeee");
    List<Long> seeds = List.of(5L, 4L, 3L, 2L, 1L);
    try (RestClient rest = RestClient.connect(server.baseUri())) {
      List<GeneratedImage> viaRest =
          Text2ImageClient.builder(rest).maxBatchSize(2).build().generate(texts, seeds);
      List<GeneratedImage> inProcess =
          Text2ImageClient.builder(local).maxBatchSize(3).build().generate(texts, seeds);
      assertEquals(5, viaRest.size());
      for (int i = 0; i < texts.size(); i++) {
        assertEquals(texts.get(i), viaRest.get(i).text());
        assertEquals(seeds.get(i), viaRest.get(i).seed());
        assertArrayEquals(inProcess.get(i).pixels(), viaRest.get(i).pixels());
        assertArrayEquals(inProcess.get(i).png(), viaRest.get(i).png());
      }
    }
  }

  @Test
  void serverErrorsArriveWithTheirStatusAndMessage() {
    Map<String, TensorValue> good =
        Map.of("text", TensorValue.strings("a"), "seed", TensorValue.longs(1));
    try (RestClient rest = RestClient.connect(server.baseUri())) {
      for (PredictClient client : new PredictClient[] {rest, local}) {
        ServingException e =
            assertThrows(
                ServingException.class, () -> client.predict(ModelSpec.latest("nope"), null, good));
        assertEquals(404, e.httpStatus());
        assertEquals("Servable not found for request: Latest(nope)", e.getMessage());
        e =
            assertThrows(
                ServingException.class,
                () ->
                    client.predict(
                        T2I,
                        null,
                        Map.of(
                            "text", TensorValue.strings("a"), "seed", TensorValue.floats(1.5f))));
        assertEquals(400, e.httpStatus());
      }
    }
  }

  @Test
  void anUnreachableServerIsStatusZeroWithAnActionableMessage() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (RestClient rest = RestClient.connect(URI.create("http://127.0.0.1:" + port))) {
      ServingException e = assertThrows(ServingException.class, () -> rest.status(T2I));
      assertEquals(0, e.httpStatus());
      assertTrue(
          e.getMessage().startsWith("cannot connect to http://127.0.0.1:" + port), e.getMessage());
    }
  }
}
