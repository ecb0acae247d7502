package t2i.training.optim;

import com.google.gson.annotations.SerializedName;
import java.util.Arrays;

/** Which update rule a configuration names, saved as {@code adam} or {@code rmsprop}. */
public enum OptimizerType {
  @SerializedName("adam")
  ADAM("adam"),
  @SerializedName("rmsprop")
  RMSPROP("rmsprop");

  private final String id;

  OptimizerType(String id) {
    this.id = id;
  }

  /** The type named {@code id} (adam or rmsprop). */
  public static OptimizerType of(String id) {
    return Arrays.stream(values())
        .filter(t -> t.id.equals(id))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("optimizer must be adam or rmsprop, was " + id));
  }

  @Override
  public String toString() {
    return id;
  }
}
