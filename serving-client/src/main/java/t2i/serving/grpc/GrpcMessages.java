package t2i.serving.grpc;

import com.google.protobuf.Int64Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import t2i.serving.ModelMetadata;
import t2i.serving.ModelSpec;
import t2i.serving.ModelVersionStatus;
import t2i.serving.ServingException;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;
import t2i.serving.grpc.proto.GetModelStatusResponse;
import t2i.serving.grpc.proto.SignatureDefMap;
import t2i.serving.grpc.proto.StatusProto;

/** The project's serving types as TF Serving's gRPC messages and back. */
final class GrpcMessages {
  private GrpcMessages() {}

  static t2i.serving.grpc.proto.ModelSpec spec(ModelSpec spec, String signatureName) {
    t2i.serving.grpc.proto.ModelSpec.Builder b =
        t2i.serving.grpc.proto.ModelSpec.newBuilder().setName(spec.name());
    spec.version().ifPresent(v -> b.setVersion(Int64Value.of(v)));
    if (signatureName != null) {
      b.setSignatureName(signatureName);
    }
    return b.build();
  }

  /** A request's model, or a 400 for what this server does not take (as its REST API). */
  static ModelSpec spec(t2i.serving.grpc.proto.ModelSpec proto) {
    if (proto.getName().isEmpty()) {
      throw ServingException.badRequest("Missing ModelSpec name");
    }
    if (proto.hasVersionLabel()) {
      throw ServingException.badRequest(
          "ModelSpec has 'version_label' set, but it is not currently allowed by the server.");
    }
    try {
      return new ModelSpec(
          proto.getName(),
          proto.hasVersion()
              ? OptionalLong.of(proto.getVersion().getValue())
              : OptionalLong.empty());
    } catch (IllegalArgumentException e) {
      throw ServingException.badRequest(e.getMessage());
    }
  }

  static SignatureDefMap signatures(ModelMetadata metadata) {
    SignatureDefMap.Builder map = SignatureDefMap.newBuilder();
    metadata
        .signatures()
        .forEach(
            (key, s) ->
                map.putSignatureDef(
                    key,
                    SignatureDef.newBuilder()
                        .setMethodName(s.methodName())
                        .putAllInputs(tensorInfos(s.inputs()))
                        .putAllOutputs(tensorInfos(s.outputs()))
                        .build()));
    return map.build();
  }

  static ModelMetadata metadata(String name, long version, SignatureDefMap map) {
    Map<String, SignatureInfo> signatures = new LinkedHashMap<>();
    map.getSignatureDefMap()
        .forEach(
            (key, s) ->
                signatures.put(
                    key,
                    new SignatureInfo(
                        s.getMethodName(), specs(s.getInputsMap()), specs(s.getOutputsMap()))));
    return new ModelMetadata(name, version, signatures);
  }

  static GetModelStatusResponse status(List<ModelVersionStatus> versions) {
    GetModelStatusResponse.Builder b = GetModelStatusResponse.newBuilder();
    for (ModelVersionStatus v : versions) {
      b.addModelVersionStatus(
          t2i.serving.grpc.proto.ModelVersionStatus.newBuilder()
              .setVersion(v.version())
              .setState(t2i.serving.grpc.proto.ModelVersionStatus.State.valueOf(v.state()))
              .setStatus(StatusProto.getDefaultInstance()));
    }
    return b.build();
  }

  static List<ModelVersionStatus> status(GetModelStatusResponse response) {
    List<ModelVersionStatus> out = new ArrayList<>();
    for (t2i.serving.grpc.proto.ModelVersionStatus v : response.getModelVersionStatusList()) {
      out.add(new ModelVersionStatus(v.getVersion(), v.getState().name()));
    }
    return out;
  }

  private static Map<String, TensorInfo> tensorInfos(Map<String, TensorSpec> specs) {
    Map<String, TensorInfo> out = new LinkedHashMap<>();
    specs.forEach(
        (name, spec) -> {
          TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
          if (spec.unknownRank()) {
            shape.setUnknownRank(true);
          } else {
            spec.dims().forEach(d -> shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d)));
          }
          out.put(
              name,
              TensorInfo.newBuilder()
                  .setName(spec.tensorName())
                  .setDtype(org.tensorflow.proto.DataType.valueOf(spec.dtype()))
                  .setTensorShape(shape)
                  .build());
        });
    return out;
  }

  private static Map<String, TensorSpec> specs(Map<String, TensorInfo> infos) {
    Map<String, TensorSpec> out = new LinkedHashMap<>();
    infos.forEach(
        (name, info) -> {
          TensorShapeProto shape = info.getTensorShape();
          List<Long> dims =
              shape.getUnknownRank()
                  ? null
                  : shape.getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
          out.put(name, new TensorSpec(info.getName(), info.getDtype().name(), dims));
        });
    return out;
  }
}
