package t2i.serving.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorSpec;
import t2i.serving.TensorValue;

class PredictRequestJsonTest {
  static final Map<String, TensorSpec> T2I =
      Map.of(
          "text", TensorSpec.of("text:0", DType.STRING, -1),
          "seed", TensorSpec.of("seed:0", DType.INT64, -1));
  static final Map<String, TensorSpec> ONE = Map.of("x", TensorSpec.of("x:0", DType.FLOAT, -1, 2));

  static PredictRequestJson.Decoded decode(String json, Map<String, TensorSpec> specs) {
    return PredictRequestJson.decode(json.getBytes(UTF_8), sig -> specs);
  }

  static String error(String json, Map<String, TensorSpec> specs) {
    ServingException e = assertThrows(ServingException.class, () -> decode(json, specs));
    assertEquals(400, e.httpStatus());
    return e.getMessage();
  }

  static final Map<String, TensorValue> INPUTS =
      Map.of("text", TensorValue.strings("a rose", "b"), "seed", TensorValue.longs(7, -1));

  @Test
  void clientWritesRowsAndColumns() {
    assertEquals(
        "{\"signature_name\":\"serving_default\",\"instances\":"
            + "[{\"seed\":7,\"text\":\"a rose\"},{\"seed\":-1,\"text\":\"b\"}]}",
        new String(
            PredictRequestJson.encode("serving_default", INPUTS, RequestFormat.ROW, false), UTF_8));
    assertEquals(
        "{\"inputs\":{\"seed\":[7,-1],\"text\":[{\"b64\":\"YSByb3Nl\"},{\"b64\":\"Yg==\"}]}}",
        new String(PredictRequestJson.encode(null, INPUTS, RequestFormat.COLUMNAR, true), UTF_8));
  }

  @Test
  void rowsNeedOneSharedBatchDimension() {
    Map<String, TensorValue> ragged =
        Map.of("text", TensorValue.strings("a", "b"), "seed", TensorValue.longs(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> PredictRequestJson.encode(null, ragged, RequestFormat.ROW, false));
  }

  @Test
  void serverReadsWhatTheClientWritesInBothFormats() {
    for (RequestFormat f : RequestFormat.values()) {
      for (boolean b64 : new boolean[] {false, true}) {
        byte[] body = PredictRequestJson.encode("sig", INPUTS, f, b64);
        PredictRequestJson.Decoded d = PredictRequestJson.decode(body, sig -> T2I);
        assertEquals("sig", d.signatureName());
        assertEquals(f, d.format());
        assertEquals(INPUTS, d.inputs());
      }
    }
  }

  @Test
  void aSingleInputMayBeAPlainListInBothFormats() {
    TensorValue expected = TensorValue.ofFloats(new float[] {1, 2, 3, 4}, 2, 2);
    assertEquals(expected, decode("{\"instances\": [[1, 2], [3, 4]]}", ONE).inputs().get("x"));
    assertEquals(expected, decode("{\"inputs\": [[1, 2], [3, 4]]}", ONE).inputs().get("x"));
    assertEquals(
        expected, decode("{\"inputs\": {\"x\": [[1, 2], [3, 4]]}}", ONE).inputs().get("x"));
  }

  @Test
  void bodyErrorsHaveTfServingsMessages() {
    assertEquals("JSON Parse error: The document is empty", error("", T2I));
    assertEquals("JSON Value: [1,2] Is not object", error("[1, 2]", T2I));
    assertEquals("Missing 'inputs' or 'instances' key", error("{}", T2I));
    assertEquals(
        "JSON Value: {\"signature_name\":3,\"inputs\":{}} not formatted correctly."
            + " 'signature_name' key must be a string value.",
        error("{\"signature_name\": 3, \"inputs\": {}}", T2I));
    assertEquals(
        "JSON Value: {\"inputs\":{},\"instances\":[]} Not formatted correctly expecting only one"
            + " of 'inputs' or 'instances' keys to exist ",
        error("{\"inputs\": {}, \"instances\": []}", T2I));
    assertEquals(
        "JSON Value: {\"instances\":[]} No values in 'instances' array",
        error("{\"instances\": []}", T2I));
    assertEquals(
        "JSON Value: {\"instances\":3} Expecting 'instances' to be an list/array",
        error("{\"instances\": 3}", T2I));
  }

  @Test
  void malformedJsonIsAParseError() {
    for (String bad : new String[] {"{\"inputs\": [1, 2", "{\"inputs\": {}} x", "{\"a\" 1}"}) {
      String m = error(bad, T2I);
      assertEquals(true, m.startsWith("JSON Parse error: "), m);
      assertEquals(false, m.contains("\n"), m);
    }
  }

  @Test
  void nonUtf8BodiesAreRejected() {
    byte[] body = {'{', '"', 'i', 'n', 'p', 'u', 't', 's', '"', ':', '"', (byte) 0xFF, '"', '}'};
    ServingException e =
        assertThrows(ServingException.class, () -> PredictRequestJson.decode(body, s -> T2I));
    assertEquals(400, e.httpStatus());
    assertEquals(true, e.getMessage().startsWith("JSON Parse error: Invalid encoding"));
  }

  @Test
  void everyInputIsRequired() {
    assertEquals(
        "Missing named input: seed in 'inputs' object.",
        error("{\"inputs\": {\"text\": [\"a\"]}}", T2I));
    assertEquals(
        "Failed to process element: 0 of 'instances' list. JSON object: {\"text\":\"a\"} keys"
            + " must be equal to: seed,text",
        error("{\"instances\": [{\"text\": \"a\"}]}", T2I));
    assertEquals(
        "instances is a plain list, but expecting list of objects as multiple input tensors"
            + " required as per tensorinfo_map",
        error("{\"instances\": [\"a\"]}", T2I));
    assertEquals(
        "inputs is a plain value/list, but expecting an object as multiple input tensors"
            + " required as per tensorinfo_map",
        error("{\"inputs\": [\"a\"]}", T2I));
  }

  @Test
  void rowErrorsNameTheElement() {
    assertEquals(
        "Failed to process element: 1 key: seed of 'instances' list. Error: INVALID_ARGUMENT:"
            + " JSON Value: \"x\" Type: String is not of expected type: int64",
        error(
            "{\"instances\": [{\"text\": \"a\", \"seed\": 1}, {\"text\": \"b\", \"seed\": \"x\"}]}",
            T2I));
    assertEquals(
        "Failed to process element: 0 key: z of 'instances' list. Error: INVALID_ARGUMENT:"
            + " JSON object: does not have named input: z",
        error("{\"instances\": [{\"z\": 1}]}", T2I));
    assertEquals(
        "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT:"
            + " Expecting tensor size: 2 but got: 3",
        error("{\"instances\": [[1, 2], [3, 4, 5]]}", ONE));
    assertEquals(
        "Failed to process element: 1 of 'instances' list. Error: INVALID_ARGUMENT:"
            + " Expecting shape [2] but got: [2,1]",
        error("{\"instances\": [[1, 2], [[3], [4]]]}", ONE));
    assertEquals(
        "Expecting object but got list at item 1 of input list",
        error("{\"instances\": [{\"text\": \"a\", \"seed\": 1}, [1]]}", T2I));
  }

  @Test
  void extraColumnarKeysAreIgnoredAsTfServingDoes() {
    PredictRequestJson.Decoded d =
        decode("{\"inputs\": {\"text\": [\"a\"], \"seed\": [1], \"extra\": 5}}", T2I);
    assertEquals(Set.of("text", "seed"), d.inputs().keySet());
    assertArrayEquals(new long[] {1}, d.inputs().get("seed").longs());
  }
}
