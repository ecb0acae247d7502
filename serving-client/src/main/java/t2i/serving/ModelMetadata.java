package t2i.serving;

import com.google.common.collect.ImmutableSortedMap;
import java.util.Map;

/** A loaded model version and its signature defs, as TF Serving's metadata API reports them. */
public record ModelMetadata(String name, long version, Map<String, SignatureInfo> signatures) {
  public ModelMetadata {
    signatures = ImmutableSortedMap.copyOf(signatures);
  }

  /**
   * The named signature ({@code serving_default} for null or empty), or a {@link ServingException}
   * (400) with TF Serving's message.
   */
  public SignatureInfo signature(String key) {
    String k = key == null || key.isEmpty() ? SignatureInfo.DEFAULT_KEY : key;
    SignatureInfo s = signatures.get(k);
    if (s == null) {
      throw ServingException.badRequest(
          "Serving signature name: \"" + k + "\" not found in signature def");
    }
    return s;
  }
}
