package t2i.serving;

/**
 * A prediction that failed, with the HTTP status TF Serving answers for it ({@code 400} for a bad
 * request, {@code 404} for an unknown model or version, ...) and its one-line message, the text of
 * the response's {@code {"error": ...}}. In-process calls raise the same statuses the REST server
 * would send. Status {@code 0} means no HTTP answer at all (server unreachable, interrupted).
 */
public class ServingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public static final int BAD_REQUEST = 400;
  public static final int NOT_FOUND = 404;

  private final int httpStatus;

  public ServingException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public ServingException(int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  public static ServingException badRequest(String message) {
    return new ServingException(BAD_REQUEST, message);
  }

  public static ServingException notFound(String message) {
    return new ServingException(NOT_FOUND, message);
  }

  /** The HTTP status, or 0 when there was no HTTP answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
