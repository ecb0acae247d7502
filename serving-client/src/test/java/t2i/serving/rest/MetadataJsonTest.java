package t2i.serving.rest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import t2i.serving.DType;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelVersionStatus;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;

class MetadataJsonTest {
  static final ModelMetadata META =
      new ModelMetadata(
          "text2image",
          3,
          Map.of(
              "serving_default",
              new SignatureInfo(
                  "tensorflow/serving/predict",
                  Map.of("text", TensorSpec.of("text:0", DType.STRING, -1)),
                  Map.of(
                      "image",
                      TensorSpec.of("image:0", DType.FLOAT, -1, 64, 64, 3),
                      "any",
                      new TensorSpec("any:0", "DT_UINT8", null)))));

  @Test
  void metadataIsTfServingsProtoJson() {
    String expected =
        """
        {"model_spec": {"name": "text2image", "signature_name": "", "version": "3"},
         "metadata": {"signature_def": {"signature_def": {"serving_default": {
           "inputs": {"text": {"dtype": "DT_STRING",
                               "tensor_shape": {"dim": [{"size": "-1", "name": ""}],
                                                "unknown_rank": false},
                               "name": "text:0"}},
           "outputs": {
             "any": {"dtype": "DT_UINT8", "tensor_shape": {"dim": [], "unknown_rank": true},
                     "name": "any:0"},
             "image": {"dtype": "DT_FLOAT",
                       "tensor_shape": {"dim": [{"size": "-1", "name": ""},
                                                {"size": "64", "name": ""},
                                                {"size": "64", "name": ""},
                                                {"size": "3", "name": ""}],
                                        "unknown_rank": false},
                       "name": "image:0"}},
           "method_name": "tensorflow/serving/predict",
           "defaults": {}}}}}}
        """;
    byte[] json = MetadataJson.encodeMetadata(META);
    assertEquals(JsonParser.parseString(expected), JsonParser.parseString(new String(json, UTF_8)));
    assertEquals(META, MetadataJson.decodeMetadata(json));
  }

  @Test
  void statusIsTfServingsProtoJson() {
    List<ModelVersionStatus> versions =
        List.of(new ModelVersionStatus(2, "AVAILABLE"), new ModelVersionStatus(1, "AVAILABLE"));
    byte[] json = MetadataJson.encodeStatus(versions);
    assertEquals(
        JsonParser.parseString(
            """
            {"model_version_status": [
              {"version": "2", "state": "AVAILABLE",
               "status": {"error_code": "OK", "error_message": ""}},
              {"version": "1", "state": "AVAILABLE",
               "status": {"error_code": "OK", "error_message": ""}}]}
            """),
        JsonParser.parseString(new String(json, UTF_8)));
    assertEquals(versions, MetadataJson.decodeStatus(json));
  }

  @Test
  void readsTfServingsOwnExampleIgnoringWhatItDoesNotNeed() {
    // The layout of tensorflow_serving/g3doc/api_rest.md's metadata answer (pretty-printed,
    // without "defaults", int64 sizes as strings).
    String json =
        """
        {
        "model_spec":{
         "name": "half_plus_three",
         "signature_name": "",
         "version": "123"
        }
        ,
        "metadata": {"signature_def": {
         "signature_def": {
          "serving_default": {
           "inputs": {
            "x": {
             "dtype": "DT_FLOAT",
             "tensor_shape": {"dim": [{"size": "-1", "name": ""}, {"size": "1", "name": ""}],
                              "unknown_rank": false},
             "name": "x:0"
            }
           },
           "outputs": {
            "y": {"dtype": "DT_FLOAT",
                  "tensor_shape": {"dim": [{"size": "-1", "name": ""}, {"size": "1", "name": ""}],
                                   "unknown_rank": false},
                  "name": "y:0"}
           },
           "method_name": "tensorflow/serving/predict"
          }
         }
        }
        }
        }
        """;
    ModelMetadata m = MetadataJson.decodeMetadata(json.getBytes(UTF_8));
    assertEquals(123, m.version());
    assertEquals(Arrays.asList(-1L, 1L), m.signature(null).inputs().get("x").dims());
  }
}
