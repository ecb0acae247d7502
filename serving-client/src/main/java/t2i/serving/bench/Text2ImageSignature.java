package t2i.serving.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import t2i.serving.ModelSpec;
import t2i.serving.TensorValue;
import t2i.serving.Text2ImageContract;

/** The {@link Text2ImageContract} signatures the benchmark times: both take texts and seeds. */
public enum Text2ImageSignature {
  /** {@code serving_default}: the float image and the PNGs. */
  FULL("full", Text2ImageContract.SERVING_DEFAULT),
  /** {@code png}: the PNGs alone. */
  PNG("png", Text2ImageContract.PNG_SIGNATURE);

  private final String label;
  private final String key;

  Text2ImageSignature(String label, String key) {
    this.label = label;
    this.key = key;
  }

  /** The short name the command line and the tables use. */
  public String label() {
    return label;
  }

  /** The signature's key in the SavedModel. */
  public String key() {
    return key;
  }

  /** The signature labelled {@code label}. */
  public static Text2ImageSignature of(String label) {
    for (Text2ImageSignature s : values()) {
      if (s.label.equals(label.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown signature '"
            + label
            + "'; expected one of "
            + Arrays.stream(values()).map(s -> s.label).collect(Collectors.joining(", ")));
  }

  /**
   * Throws {@link IllegalStateException} unless {@code outputs} is this signature's answer to
   * {@code n} texts: {@code png_bytes} [N], and for {@link #FULL} {@code image} [N,H,W,3].
   */
  void checkAnswer(ModelSpec spec, Map<String, TensorValue> outputs, long n) {
    TensorValue png = outputs.get(Text2ImageContract.PNG);
    boolean ok = png != null && png.rank() == 1 && png.dim(0) == n;
    if (this == FULL) {
      TensorValue image = outputs.get(Text2ImageContract.IMAGE);
      ok &=
          image != null
              && image.rank() == 4
              && image.dim(0) == n
              && image.dim(3) == Text2ImageContract.CHANNELS;
    }
    if (!ok) {
      throw new IllegalStateException(
          spec.describe()
              + " signature "
              + key
              + " answered "
              + outputs
              + " for "
              + n
              + " texts; expected "
              + (this == FULL ? "image [N,H,W," + Text2ImageContract.CHANNELS + "] and " : "")
              + Text2ImageContract.PNG
              + " [N]");
    }
  }
}
