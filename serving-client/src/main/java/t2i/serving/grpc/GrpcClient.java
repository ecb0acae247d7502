package t2i.serving.grpc;

import static com.google.common.base.Preconditions.checkArgument;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.PredictClient;
import t2i.serving.ServingException;
import t2i.serving.TensorValue;
import t2i.serving.grpc.proto.GetModelMetadataRequest;
import t2i.serving.grpc.proto.GetModelMetadataResponse;
import t2i.serving.grpc.proto.GetModelStatusRequest;
import t2i.serving.grpc.proto.ModelServiceGrpc;
import t2i.serving.grpc.proto.PredictRequest;
import t2i.serving.grpc.proto.PredictResponse;
import t2i.serving.grpc.proto.PredictionServiceGrpc;
import t2i.serving.grpc.proto.SignatureDefMap;

/**
 * A {@link PredictClient} over TF Serving's gRPC API (TF Serving's port 8500, or {@code t2i
 * serve}), in plaintext. Every call has a deadline; answers may be as large as {@link
 * #DEFAULT_MAX_MESSAGE_BYTES} (gRPC's own default of 4 MB holds only five 64×64 float images).
 * Failures are {@link ServingException}s with the HTTP status TF Serving's REST API would give.
 */
public final class GrpcClient implements PredictClient {
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 << 20;

  private final ManagedChannel channel;
  private final Duration deadline;

  private GrpcClient(ManagedChannel channel, Duration deadline) {
    this.channel = channel;
    this.deadline = deadline;
  }

  /** A client of {@code host:port} with the default deadline and message limit. */
  public static GrpcClient connect(String target) {
    return connect(target, DEFAULT_DEADLINE, DEFAULT_MAX_MESSAGE_BYTES);
  }

  /**
   * @param target {@code host:port}
   * @param deadline the time each call may take, from sending to the whole answer
   * @param maxMessageBytes the largest answer accepted
   */
  public static GrpcClient connect(String target, Duration deadline, int maxMessageBytes) {
    checkArgument(
        target != null && target.lastIndexOf(':') > 0,
        "a gRPC target is host:port, was %s",
        target);
    checkArgument(!deadline.isNegative() && !deadline.isZero(), "the deadline must be > 0");
    checkArgument(maxMessageBytes > 0, "the message limit must be > 0");
    ManagedChannel channel =
        NettyChannelBuilder.forTarget(target)
            .usePlaintext()
            .maxInboundMessageSize(maxMessageBytes)
            .build();
    return new GrpcClient(channel, deadline);
  }

  @Override
  public Map<String, TensorValue> predict(
      ModelSpec model, String signatureName, Map<String, TensorValue> inputs) {
    PredictRequest.Builder request =
        PredictRequest.newBuilder().setModelSpec(GrpcMessages.spec(model, signatureName));
    inputs.forEach((name, value) -> request.putInputs(name, TensorProtoCodec.encode(value)));
    PredictResponse response = call(s -> s.predict(request.build()));
    Map<String, TensorValue> out = new LinkedHashMap<>();
    response.getOutputsMap().forEach((name, t) -> out.put(name, TensorProtoCodec.decode(name, t)));
    return out;
  }

  @Override
  public ModelMetadata metadata(ModelSpec model) {
    GetModelMetadataResponse response =
        call(
            s ->
                s.getModelMetadata(
                    GetModelMetadataRequest.newBuilder()
                        .setModelSpec(GrpcMessages.spec(model, null))
                        .addMetadataField(PredictionServiceImpl.SIGNATURE_DEF)
                        .build()));
    try {
      SignatureDefMap map =
          response
              .getMetadataOrThrow(PredictionServiceImpl.SIGNATURE_DEF)
              .unpack(SignatureDefMap.class);
      return GrpcMessages.metadata(
          response.getModelSpec().getName(), response.getModelSpec().getVersion().getValue(), map);
    } catch (com.google.protobuf.InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new ServingException(500, "the server's metadata is not a SignatureDefMap: " + e, e);
    }
  }

  @Override
  public List<ModelVersionStatus> status(ModelSpec model) {
    try {
      return GrpcMessages.status(
          ModelServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
              .getModelStatus(
                  GetModelStatusRequest.newBuilder()
                      .setModelSpec(GrpcMessages.spec(model, null))
                      .build()));
    } catch (StatusRuntimeException e) {
      throw GrpcStatuses.toException(e);
    }
  }

  private <T> T call(Function<PredictionServiceGrpc.PredictionServiceBlockingStub, T> rpc) {
    try {
      return rpc.apply(
          PredictionServiceGrpc.newBlockingStub(channel)
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
    } catch (StatusRuntimeException e) {
      throw GrpcStatuses.toException(e);
    }
  }

  @Override
  public void close() {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      channel.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
