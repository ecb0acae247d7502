package t2i.serving.bench;

import com.google.protobuf.Int64Value;
import java.util.Map;
import t2i.serving.TensorValue;
import t2i.serving.grpc.TensorProtoCodec;
import t2i.serving.grpc.proto.ModelSpec;
import t2i.serving.grpc.proto.PredictRequest;
import t2i.serving.grpc.proto.PredictResponse;
import t2i.serving.rest.PredictRequestJson;
import t2i.serving.rest.PredictResponseJson;

/**
 * The bytes one request and its answer take on each transport, from the encoders the clients and
 * servers use on the same tensors: REST bodies (JSON) and gRPC messages (protobuf, before gRPC's
 * 5-byte frame header and HTTP/2 framing).
 */
public record MessageSizes(
    Text2ImageSignature signature,
    int batch,
    int restRequestBytes,
    int restResponseBytes,
    int grpcRequestBytes,
    int grpcResponseBytes) {

  static MessageSizes of(
      Text2ImageSignature signature,
      int batch,
      String model,
      long version,
      Map<String, TensorValue> inputs,
      Map<String, TensorValue> outputs) {
    PredictRequest.Builder request =
        PredictRequest.newBuilder()
            .setModelSpec(ModelSpec.newBuilder().setName(model).setSignatureName(signature.key()));
    inputs.forEach((name, value) -> request.putInputs(name, TensorProtoCodec.encode(value)));
    PredictResponse.Builder response =
        PredictResponse.newBuilder()
            .setModelSpec(
                ModelSpec.newBuilder()
                    .setName(model)
                    .setVersion(Int64Value.of(version))
                    .setSignatureName(signature.key()));
    outputs.forEach((name, value) -> response.putOutputs(name, TensorProtoCodec.encode(value)));
    return new MessageSizes(
        signature,
        batch,
        PredictRequestJson.encode(signature.key(), inputs, Backends.REST_FORMAT, false).length,
        PredictResponseJson.encode(outputs, Backends.REST_FORMAT).length,
        request.build().getSerializedSize(),
        response.build().getSerializedSize());
  }
}
