package t2i.serving;

/** One entry of TF Serving's {@code model_version_status}: a version and its state. */
public record ModelVersionStatus(long version, String state) {
  /** The state of a loaded version that answers requests. */
  public static final String AVAILABLE = "AVAILABLE";
}
