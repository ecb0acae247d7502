package t2i.data;

import com.google.gson.annotations.SerializedName;
import java.util.Locale;

/**
 * The zero-shot class split of Reed et al.: models train on trainval classes, test on the rest.
 * Datasets whose test split holds out emoji and combinations rather than classes (emoji scenes)
 * also keep a validation split drawn like trainval.
 */
public enum Split {
  @SerializedName("trainval")
  TRAINVAL,
  @SerializedName("validation")
  VALIDATION,
  @SerializedName("test")
  TEST;

  /** The name used in files: {@code trainval}, {@code test}. */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Split parse(String name) {
    for (Split s : values()) {
      if (s.fileName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown split '" + name + "' (expected trainval, validation or test)");
  }
}
