package t2i.serving.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import t2i.serving.DType;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageContract;
import t2i.serving.testing.StandInModels;

class InProcessClientTest {
  @TempDir static Path dir;
  static InProcessClient client;
  static final ModelSpec T2I = ModelSpec.latest(Text2ImageContract.MODEL);

  @BeforeAll
  static void models() {
    StandInModels.text2image(dir, 1);
    StandInModels.text2image(dir, 2);
    StandInModels.echo(dir);
    client = InProcessClient.open(dir);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static Map<String, TensorValue> generate(ModelSpec spec, List<String> texts, long... seeds) {
    return client.predict(
        spec,
        null,
        Map.of(
            "text", TensorValue.ofStrings(texts, texts.size()), "seed", TensorValue.longs(seeds)));
  }

  @Test
  void imagesFollowTheContract() throws IOException {
    Map<String, TensorValue> out = generate(T2I, List.of("a red rose", "x"), 3, 4);
    TensorValue image = out.get("image");
    assertArrayEquals(new long[] {2, 64, 64, 3}, image.shape());
    for (float v : image.floats()) {
      assertTrue(v >= 0f && v <= 1f, "pixel " + v);
    }
    // The stand-in's formula, for the highest version (2): "x" has length 1, seed 4.
    double expected = (Math.sin(0.37 * 4 + 1.3 * 1 + 2 + 0.1 * 5 + 0.07 * 7 + 2.1 * 2) + 1) / 2;
    assertEquals(expected, image.floats()[64 * 64 * 3 + (5 * 64 + 7) * 3 + 2], 1e-5);
    TensorValue png = out.get("png_bytes");
    assertArrayEquals(new long[] {2}, png.shape());
    BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png.bytes(1)));
    assertEquals(64, decoded.getWidth());
    assertEquals(64, decoded.getHeight());
    int blue = decoded.getRGB(7, 5) & 0xFF;
    assertEquals(Math.round(expected * 255), blue, 1.0);
  }

  @Test
  void sameSeedSameImageOtherSeedOtherImage() {
    TensorValue a = generate(T2I, List.of("rose"), 7).get("image");
    TensorValue b = generate(T2I, List.of("rose"), 7).get("image");
    TensorValue c = generate(T2I, List.of("rose"), 8).get("image");
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void latestIsTheHighestVersionAndVersionsCanBeNamed() {
    TensorValue latest = generate(T2I, List.of("rose"), 7).get("image");
    TensorValue v2 = generate(ModelSpec.of("text2image", 2), List.of("rose"), 7).get("image");
    TensorValue v1 = generate(ModelSpec.of("text2image", 1), List.of("rose"), 7).get("image");
    assertEquals(latest, v2);
    assertNotEquals(v1, v2);
    assertEquals(
        List.of(new ModelVersionStatus(2, "AVAILABLE"), new ModelVersionStatus(1, "AVAILABLE")),
        client.status(T2I));
    assertEquals(2, client.metadata(T2I).version());
  }

  @Test
  void metadataHasTheContract() {
    ModelMetadata m = client.metadata(T2I);
    SignatureInfo s = m.signature("serving_default");
    assertEquals("tensorflow/serving/predict", s.methodName());
    assertEquals(TensorSpec.of("text:0", DType.STRING, -1), s.inputs().get("text"));
    assertEquals(TensorSpec.of("seed:0", DType.INT64, -1), s.inputs().get("seed"));
    assertEquals("[-1,64,64,3]", s.outputs().get("image").shapeString());
    assertEquals("DT_STRING", s.outputs().get("png_bytes").dtype());
  }

  @Test
  void errorsCarryTfServingStatusesAndMessages() {
    Map<String, TensorValue> good =
        Map.of("text", TensorValue.strings("a"), "seed", TensorValue.longs(1));
    ServingException e =
        assertThrows(
            ServingException.class, () -> client.predict(ModelSpec.latest("nope"), null, good));
    assertEquals(404, e.httpStatus());
    assertEquals("Servable not found for request: Latest(nope)", e.getMessage());

    e =
        assertThrows(
            ServingException.class,
            () -> client.predict(ModelSpec.of("text2image", 9), null, good));
    assertEquals(404, e.httpStatus());
    assertEquals("Servable not found for request: Specific(text2image, 9)", e.getMessage());

    e = assertThrows(ServingException.class, () -> client.predict(T2I, "nope", good));
    assertEquals(400, e.httpStatus());
    assertEquals("Serving signature name: \"nope\" not found in signature def", e.getMessage());

    e =
        assertThrows(
            ServingException.class,
            () -> client.predict(T2I, null, Map.of("text", TensorValue.strings("a"))));
    assertEquals(400, e.httpStatus());
    assertEquals(
        "input size does not match signature: 1!=2 len({text}) != len({seed,text})."
            + " Sent extra: {}. Missing but required: {seed}.",
        e.getMessage());

    e =
        assertThrows(
            ServingException.class,
            () ->
                client.predict(
                    T2I,
                    null,
                    Map.of("text", TensorValue.strings("a"), "seed", TensorValue.floats(1f))));
    assertEquals(400, e.httpStatus());
    assertEquals("input seed expects dtype DT_INT64 but got DT_FLOAT", e.getMessage());

    e =
        assertThrows(
            ServingException.class,
            () ->
                client.predict(
                    T2I,
                    null,
                    Map.of(
                        "text",
                        TensorValue.ofStrings(List.of("a", "b"), 1, 2),
                        "seed",
                        TensorValue.longs(1))));
    assertEquals(400, e.httpStatus());
    assertEquals("input text expects shape [-1] but got [1,2]", e.getMessage());

    e = assertThrows(ServingException.class, () -> client.status(ModelSpec.of("text2image", 5)));
    assertEquals(404, e.httpStatus());
    assertEquals("Could not find version 5 of model text2image", e.getMessage());
  }

  @Test
  void tensorFlowErrorsBecomeBadRequests() {
    // Batch sizes 2 and 3 cannot broadcast: TensorFlow's INVALID_ARGUMENT is TF Serving's 400.
    ServingException e =
        assertThrows(ServingException.class, () -> generate(T2I, List.of("a", "b"), 1, 2, 3));
    assertEquals(400, e.httpStatus());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aFolderWithoutModelsIsAnActionableError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("empty/text2image/latest"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelRepository.load(empty.getParent().getParent()));
    assertTrue(e.getMessage().contains("<model>/<version>/saved_model.pb"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ModelRepository.load(dir.resolve("missing")));
    assertTrue(e.getMessage().startsWith("no such models folder"), e.getMessage());
  }
}
