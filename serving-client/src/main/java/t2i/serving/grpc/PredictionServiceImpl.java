package t2i.serving.grpc;

import com.google.protobuf.Any;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import t2i.serving.ModelSpec;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorValue;
import t2i.serving.grpc.proto.GetModelMetadataRequest;
import t2i.serving.grpc.proto.GetModelMetadataResponse;
import t2i.serving.grpc.proto.PredictRequest;
import t2i.serving.grpc.proto.PredictResponse;
import t2i.serving.grpc.proto.PredictionServiceGrpc;
import t2i.serving.local.LoadedModel;
import t2i.serving.local.ModelRepository;
import t2i.serving.server.ModelRuns;

/** TF Serving's {@code PredictionService} (Predict, GetModelMetadata) over loaded models. */
final class PredictionServiceImpl extends PredictionServiceGrpc.PredictionServiceImplBase {
  static final String SIGNATURE_DEF = "signature_def";

  private final ModelRepository models;
  private final ModelRuns runs;
  private final Duration timeout;

  PredictionServiceImpl(ModelRepository models, ModelRuns runs, Duration timeout) {
    this.models = models;
    this.runs = runs;
    this.timeout = timeout;
  }

  @Override
  public void predict(PredictRequest request, StreamObserver<PredictResponse> call) {
    ServingCalls.answer(call, () -> predict(request));
  }

  private PredictResponse predict(PredictRequest request) {
    ModelSpec spec = GrpcMessages.spec(request.getModelSpec());
    LoadedModel model = models.find(spec);
    String key = request.getModelSpec().getSignatureName();
    String signature = key.isEmpty() ? SignatureInfo.DEFAULT_KEY : key;
    model.metadata().signature(signature);
    Map<String, TensorValue> inputs = new LinkedHashMap<>();
    request.getInputsMap().forEach((name, t) -> inputs.put(name, TensorProtoCodec.decode(name, t)));
    Map<String, TensorValue> outputs =
        runs.predict(
            model,
            signature,
            inputs,
            request.getOutputFilterList(),
            ServingCalls.runTimeout(timeout));
    PredictResponse.Builder response =
        PredictResponse.newBuilder()
            .setModelSpec(
                GrpcMessages.spec(ModelSpec.of(model.name(), model.version()), signature));
    outputs.forEach((name, value) -> response.putOutputs(name, TensorProtoCodec.encode(value)));
    return response.build();
  }

  @Override
  public void getModelMetadata(
      GetModelMetadataRequest request, StreamObserver<GetModelMetadataResponse> call) {
    ServingCalls.answer(call, () -> metadata(request));
  }

  private GetModelMetadataResponse metadata(GetModelMetadataRequest request) {
    ModelSpec spec = GrpcMessages.spec(request.getModelSpec());
    if (request.getMetadataFieldCount() == 0) {
      throw ServingException.badRequest(
          "GetModelMetadataRequest must specify at least one metadata_field");
    }
    for (String field : request.getMetadataFieldList()) {
      if (!SIGNATURE_DEF.equals(field)) {
        throw ServingException.badRequest("Metadata field " + field + " is not supported");
      }
    }
    LoadedModel model = models.find(spec);
    return GetModelMetadataResponse.newBuilder()
        .setModelSpec(GrpcMessages.spec(ModelSpec.of(model.name(), model.version()), null))
        .putMetadata(SIGNATURE_DEF, Any.pack(GrpcMessages.signatures(model.metadata())))
        .build();
  }
}
