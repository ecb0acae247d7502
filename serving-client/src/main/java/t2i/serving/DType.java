package t2i.serving;

import java.util.Optional;

/**
 * The tensor element types the client and server carry. TF Serving's JSON mapping supports a few
 * more integer widths; the project's models use only these.
 */
public enum DType {
  FLOAT("float"),
  DOUBLE("double"),
  INT32("int32"),
  INT64("int64"),
  BOOL("bool"),
  STRING("string");

  private final String tfName;

  DType(String tfName) {
    this.tfName = tfName;
  }

  /** The proto enum name, as in signature defs and TF Serving's metadata: {@code DT_FLOAT}. */
  public String protoName() {
    return "DT_" + name();
  }

  /** TensorFlow's short name ({@code DataTypeString}), as TF Serving's error messages print it. */
  public String tfName() {
    return tfName;
  }

  /** The type named {@code DT_...}, if it is one of these. */
  public static Optional<DType> fromProtoName(String protoName) {
    for (DType t : values()) {
      if (t.protoName().equals(protoName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
