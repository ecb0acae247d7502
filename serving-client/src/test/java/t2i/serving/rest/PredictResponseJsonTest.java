package t2i.serving.rest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

class PredictResponseJsonTest {
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, (byte) 0xFF};

  static final Map<String, TensorValue> OUTPUTS =
      Map.of(
          "image", TensorValue.ofFloats(new float[] {0.5f, 1f, 0f, 0.25f}, 2, 2),
          "png", TensorValue.ofBytes(List.of(PNG, "ok".getBytes(UTF_8)), 2),
          "png_bytes", TensorValue.ofBytes(List.of(PNG, "ok".getBytes(UTF_8)), 2));

  static final Map<String, TensorSpec> SPECS =
      Map.of(
          "image", TensorSpec.of("image:0", DType.FLOAT, -1, 2),
          "png", TensorSpec.of("png:0", DType.STRING, -1),
          "png_bytes", TensorSpec.of("png_bytes:0", DType.STRING, -1));

  @Test
  void rowsAndColumnsAsTfServingWritesThem() {
    String png = new String(PNG, ISO_8859_1).replace("\r", "\\r").replace("\n", "\\n");
    png = png.replace("\u001A", "\\u001a").replace("\u0000", "\\u0000");
    assertEquals(
        "{\"predictions\":["
            + "{\"image\":[0.5,1.0],\"png\":\""
            + png
            + "\",\"png_bytes\":{\"b64\":\"iVBORw0KGgoA/w==\"}},"
            + "{\"image\":[0.0,0.25],\"png\":\"ok\",\"png_bytes\":{\"b64\":\"b2s=\"}}]}",
        new String(PredictResponseJson.encode(OUTPUTS, RequestFormat.ROW), ISO_8859_1));
    assertEquals(
        "{\"outputs\":{\"image\":[[0.5,1.0],[0.0,0.25]],\"png\":[\""
            + png
            + "\",\"ok\"],\"png_bytes\":[{\"b64\":\"iVBORw0KGgoA/w==\"},{\"b64\":\"b2s=\"}]}}",
        new String(PredictResponseJson.encode(OUTPUTS, RequestFormat.COLUMNAR), ISO_8859_1));
  }

  @Test
  void aSingleOutputIsUnnamed() {
    Map<String, TensorValue> one = Map.of("y", TensorValue.ofFloats(new float[] {2, 4}, 2, 1));
    assertEquals(
        "{\"predictions\":[[2.0],[4.0]]}",
        new String(PredictResponseJson.encode(one, RequestFormat.ROW), UTF_8));
    assertEquals(
        "{\"outputs\":[[2.0],[4.0]]}",
        new String(PredictResponseJson.encode(one, RequestFormat.COLUMNAR), UTF_8));
    Map<String, TensorSpec> spec = Map.of("y", TensorSpec.of("y:0", DType.FLOAT, -1, 1));
    assertEquals(
        one, PredictResponseJson.decode("{\"predictions\":[[2.0],[4.0]]}".getBytes(UTF_8), spec));
    assertEquals(
        one, PredictResponseJson.decode("{\"outputs\":[[2.0],[4.0]]}".getBytes(UTF_8), spec));
  }

  @Test
  void rawBinaryStringsMakeABodyThatIsNotUtf8AndStillReadBack() {
    for (RequestFormat f : RequestFormat.values()) {
      byte[] body = PredictResponseJson.encode(OUTPUTS, f);
      assertFalse(JsonTensors.utf8(body));
      assertEquals(OUTPUTS, PredictResponseJson.decode(body, SPECS));
    }
  }

  @Test
  void textOutputsStayUtf8() {
    Map<String, TensorValue> text = Map.of("s", TensorValue.strings("日本語 🌹", "é"));
    Map<String, TensorSpec> spec = Map.of("s", TensorSpec.of("s:0", DType.STRING, -1));
    byte[] body = PredictResponseJson.encode(text, RequestFormat.COLUMNAR);
    assertEquals("{\"outputs\":[\"日本語 🌹\",\"é\"]}", new String(body, UTF_8));
    assertEquals(text, PredictResponseJson.decode(body, spec));
    // Escaped non-ASCII, as other JSON writers produce, is read too.
    assertEquals(
        "é",
        PredictResponseJson.decode("{\"outputs\":[\"\\u00e9\"]}".getBytes(UTF_8), spec)
            .get("s")
            .string(0));
  }

  @Test
  void rowsNeedOneBatchSize() {
    Map<String, TensorValue> ragged =
        Map.of("a", TensorValue.floats(1, 2), "b", TensorValue.floats(1));
    ServingException e =
        assertThrows(
            ServingException.class, () -> PredictResponseJson.encode(ragged, RequestFormat.ROW));
    assertEquals("Tensor name: b has inconsistent batch size: 1 expecting: 2", e.getMessage());
  }

  @Test
  void anEmptyColumnKeepsTheSignaturesRank() {
    Map<String, TensorValue> out =
        PredictResponseJson.decode(
            "{\"outputs\": {\"image\": [], \"png\": [], \"png_bytes\": []}}".getBytes(UTF_8),
            SPECS);
    assertArrayEquals(new long[] {0, 2}, out.get("image").shape());
  }

  @Test
  void aResponseThatDoesNotFitIsABadGateway() {
    ServingException e =
        assertThrows(
            ServingException.class,
            () ->
                PredictResponseJson.decode(
                    "{\"outputs\": {\"image\": [[1]]}}".getBytes(UTF_8), SPECS));
    assertEquals(502, e.httpStatus());
  }
}
