package t2i.serving.grpc;

import io.grpc.stub.StreamObserver;
import t2i.serving.grpc.proto.GetModelStatusRequest;
import t2i.serving.grpc.proto.GetModelStatusResponse;
import t2i.serving.grpc.proto.ModelServiceGrpc;
import t2i.serving.local.ModelRepository;

/** TF Serving's {@code ModelService}, GetModelStatus only: every model here is AVAILABLE. */
final class ModelServiceImpl extends ModelServiceGrpc.ModelServiceImplBase {
  private final ModelRepository models;

  ModelServiceImpl(ModelRepository models) {
    this.models = models;
  }

  @Override
  public void getModelStatus(
      GetModelStatusRequest request, StreamObserver<GetModelStatusResponse> call) {
    ServingCalls.answer(
        call, () -> GrpcMessages.status(models.status(GrpcMessages.spec(request.getModelSpec()))));
  }
}
