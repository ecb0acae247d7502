package t2i.serving.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import t2i.serving.ServingException;

/**
 * The project's failures ({@link ServingException}, which carries TF Serving's HTTP status) as gRPC
 * statuses and back, by the table TF Serving's HTTP server uses between TensorFlow's error codes
 * (the gRPC codes) and HTTP statuses.
 */
public final class GrpcStatuses {
  private GrpcStatuses() {}

  /** The status a server answers for a failure. */
  public static StatusRuntimeException toStatus(ServingException e) {
    return code(e.httpStatus()).withDescription(e.getMessage()).asRuntimeException();
  }

  /**
   * The failure a client raises for a status; no answer at all (connection refused, reset) is
   * status 0, as for the REST client.
   */
  public static ServingException toException(StatusRuntimeException e) {
    Status s = e.getStatus();
    String message = s.getDescription() != null ? s.getDescription() : s.getCode().name();
    boolean noAnswer = s.getCode() == Status.Code.UNAVAILABLE && s.getCause() != null;
    int http = noAnswer ? 0 : httpStatus(s.getCode());
    return new ServingException(http, noAnswer ? "no answer: " + message : message, e);
  }

  static Status code(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> Status.INVALID_ARGUMENT;
      case 401 -> Status.UNAUTHENTICATED;
      case 403 -> Status.PERMISSION_DENIED;
      case 404 -> Status.NOT_FOUND;
      case 409 -> Status.ABORTED;
      case 413, 429 -> Status.RESOURCE_EXHAUSTED;
      case 499 -> Status.CANCELLED;
      case 501 -> Status.UNIMPLEMENTED;
      case 503 -> Status.UNAVAILABLE;
      case 504 -> Status.DEADLINE_EXCEEDED;
      default -> Status.INTERNAL;
    };
  }

  static int httpStatus(Status.Code code) {
    return switch (code) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
      case UNAUTHENTICATED -> 401;
      case PERMISSION_DENIED -> 403;
      case NOT_FOUND -> 404;
      case ABORTED, ALREADY_EXISTS -> 409;
      case RESOURCE_EXHAUSTED -> 429;
      case CANCELLED -> 499;
      case UNIMPLEMENTED -> 501;
      case UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      default -> 500;
    };
  }
}
