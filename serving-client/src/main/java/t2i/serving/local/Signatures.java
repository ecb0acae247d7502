package t2i.serving.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import t2i.serving.SignatureInfo;
import t2i.serving.TensorSpec;

/** Signature defs from a SavedModel's meta graph, as {@link SignatureInfo}s. */
final class Signatures {
  private Signatures() {}

  static Map<String, SignatureInfo> from(Map<String, SignatureDef> defs) {
    Map<String, SignatureInfo> out = new LinkedHashMap<>();
    defs.forEach(
        (key, def) ->
            out.put(
                key,
                new SignatureInfo(
                    def.getMethodName(), specs(def.getInputsMap()), specs(def.getOutputsMap()))));
    return out;
  }

  private static Map<String, TensorSpec> specs(Map<String, TensorInfo> infos) {
    Map<String, TensorSpec> out = new LinkedHashMap<>();
    infos.forEach((alias, info) -> out.put(alias, spec(info)));
    return out;
  }

  private static TensorSpec spec(TensorInfo info) {
    List<Long> dims = null;
    if (info.hasTensorShape() && !info.getTensorShape().getUnknownRank()) {
      dims =
          info.getTensorShape().getDimList().stream().map(TensorShapeProto.Dim::getSize).toList();
    }
    return new TensorSpec(info.getName(), info.getDtype().name(), dims);
  }
}
