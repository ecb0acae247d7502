package t2i.serving.rest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import java.util.List;
import org.junit.jupiter.api.Test;
import t2i.serving.DType;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;

class JsonTensorsTest {
  static TensorValue decode(String json, DType dtype) {
    return JsonTensors.decode(JsonParser.parseString(json), dtype, new JsonDocument(null, UTF_8));
  }

  static String message(String json, DType dtype) {
    ServingException e = assertThrows(ServingException.class, () -> decode(json, dtype));
    assertEquals(400, e.httpStatus());
    return e.getMessage();
  }

  static String encode(TensorValue t, JsonTensors.Strings strings) {
    JsonBytesWriter w = new JsonBytesWriter();
    JsonTensors.write(w, t, strings);
    return new String(w.toBytes(), ISO_8859_1);
  }

  @Test
  void shapeComesFromTheNesting() {
    TensorValue t = decode("[[1, 2.5, 3], [4, 5, 6e-1]]", DType.FLOAT);
    assertArrayEquals(new long[] {2, 3}, t.shape());
    assertArrayEquals(new float[] {1, 2.5f, 3, 4, 5, 0.6f}, t.floats());
    assertArrayEquals(new long[] {}, decode("7", DType.INT64).shape());
    assertArrayEquals(new long[] {0}, decode("[]", DType.FLOAT).shape());
  }

  @Test
  void everyDtypeReadsItsJsonType() {
    assertArrayEquals(new int[] {-3, 2147483647}, decode("[-3, 2147483647]", DType.INT32).ints());
    assertArrayEquals(
        new long[] {-9223372036854775808L, 5},
        decode("[-9223372036854775808, 5]", DType.INT64).longs());
    assertArrayEquals(new double[] {0.1, 1e300}, decode("[0.1, 1e300]", DType.DOUBLE).doubles());
    assertArrayEquals(new boolean[] {true, false}, decode("[true, false]", DType.BOOL).bools());
    assertEquals("héllo", decode("[\"héllo\"]", DType.STRING).string(0));
  }

  @Test
  void floatsAreParsedToTheNearestFloatNotThroughDouble() {
    // Float.toString output must read back bit for bit.
    float[] values = {0.1f, 1f / 3, 3.4028235e38f, 1.4e-45f, -0f, 16777217f};
    StringBuilder json = new StringBuilder("[");
    for (float v : values) {
      json.append(json.length() > 1 ? "," : "").append(Float.toString(v));
    }
    assertArrayEquals(values, decode(json.append("]").toString(), DType.FLOAT).floats());
  }

  @Test
  void nanAndInfinityTokensAreFloats() {
    float[] f = decode("[NaN, Infinity, -Infinity]", DType.FLOAT).floats();
    assertEquals(Float.NaN, f[0]);
    assertEquals(Float.POSITIVE_INFINITY, f[1]);
    assertEquals(Float.NEGATIVE_INFINITY, f[2]);
  }

  @Test
  void typeErrorsUseTfServingsWording() {
    assertEquals(
        "JSON Value: \"7\" Type: String is not of expected type: int64",
        message("[\"7\"]", DType.INT64));
    assertEquals(
        "JSON Value: 1.5 Type: Number is not of expected type: int64",
        message("[1.5]", DType.INT64));
    assertEquals(
        "JSON Value: 3000000000 Type: Number is not of expected type: int32",
        message("[3000000000]", DType.INT32));
    assertEquals(
        "JSON Value: 1 Type: Number is not of expected type: string", message("[1]", DType.STRING));
    assertEquals(
        "JSON Value: true Type: True is not of expected type: float",
        message("[true]", DType.FLOAT));
    assertEquals(
        "JSON Value: null Type: Null is not of expected type: bool", message("[null]", DType.BOOL));
    assertEquals(
        "JSON Value: {\"a\":1} Type: Object is not of expected type: float",
        message("[{\"a\":1}]", DType.FLOAT));
  }

  @Test
  void raggedListsAreRejected() {
    assertEquals(
        "Encountered list at unexpected size: 1 at level: 1 expected size: 2",
        message("[[1, 2], [3]]", DType.FLOAT));
    assertEquals(
        "JSON Value: 3 found at incorrect level: 2 in the JSON DOM. Expected at level: 2",
        message("[[1, 2], 3]", DType.FLOAT));
    assertEquals(
        "Encountered list at unexpected level: 2 expected < 2",
        message("[[1, 2], [[3], 4]]", DType.FLOAT));
    assertEquals(
        "JSON lists nested deeper than 64 levels",
        message("[".repeat(70) + "]".repeat(70), DType.FLOAT));
  }

  @Test
  void base64ObjectsDecodeToBytes() {
    TensorValue t = decode("[{\"b64\": \"aGVsbG8=\"}, {\"b64\": \"/w\"}]", DType.STRING);
    assertEquals("hello", t.string(0));
    assertArrayEquals(new byte[] {(byte) 0xFF}, t.bytes(1));
    assertEquals(
        "JSON Value: {\"b64\":\"a\",\"x\":1} not formatted correctly for base64 data",
        message("[{\"b64\": \"a\", \"x\": 1}]", DType.STRING));
    // The URL-safe alphabet is not base64 to TF Serving (tensorflow/serving issue 1141).
    assertEquals("Unable to base64 decode", message("[{\"b64\": \"_-8\"}]", DType.STRING));
  }

  @Test
  void writesNestedListsWithFloatsThatReadBackExactly() {
    TensorValue t = TensorValue.ofFloats(new float[] {0.1f, 1f, Float.NaN, -2.5e-7f}, 2, 2);
    String json = encode(t, JsonTensors.Strings.RAW);
    assertEquals("[[0.1,1.0],[NaN,-2.5E-7]]", json);
    assertEquals(t, decode(json, DType.FLOAT));
  }

  @Test
  void stringsAreWrittenRawBase64OrTextAsAsked() {
    byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, '"'};
    TensorValue t = TensorValue.ofBytes(List.of("é\n".getBytes(UTF_8), binary), 2);
    assertEquals(
        "[\"" + new String("é".getBytes(UTF_8), ISO_8859_1) + "\\n\",\"\u0089PNG\\u0000\\\"\"]",
        encode(t, JsonTensors.Strings.RAW));
    assertEquals(
        "[{\"b64\":\"w6kK\"},{\"b64\":\"iVBORwAi\"}]", encode(t, JsonTensors.Strings.BASE64));
    assertEquals(
        "[\"" + new String("é".getBytes(UTF_8), ISO_8859_1) + "\\n\",{\"b64\":\"iVBORwAi\"}]",
        encode(t, JsonTensors.Strings.TEXT_OR_BASE64));
  }
}
