package t2i.serving.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import t2i.serving.ServingException;

/** What every RPC of the server does around its work: deadlines, cancellation, error statuses. */
final class ServingCalls {
  private static final System.Logger LOG = System.getLogger(ServingCalls.class.getName());

  private ServingCalls() {}

  /** Answers the call with the work's result, or with the status its failure maps to. */
  static <T> void answer(StreamObserver<T> call, Supplier<T> work) {
    T result;
    try {
      if (Context.current().isCancelled()) {
        call.onError(Status.CANCELLED.withDescription("the client gave up").asRuntimeException());
        return;
      }
      result = work.get();
    } catch (ServingException e) {
      call.onError(GrpcStatuses.toStatus(e));
      return;
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "request failed", e);
      call.onError(Status.INTERNAL.withDescription(String.valueOf(e)).asRuntimeException());
      return;
    }
    call.onNext(result);
    call.onCompleted();
  }

  /**
   * The deadline of one model run: the server's own (zero for none) or the client's, whichever
   * comes first; a 504 when the client's has already passed.
   */
  static Duration runTimeout(Duration serverTimeout) {
    Deadline deadline = Context.current().getDeadline();
    if (deadline == null) {
      return serverTimeout;
    }
    long left = deadline.timeRemaining(TimeUnit.NANOSECONDS);
    if (left <= 0) {
      throw new ServingException(504, "Deadline exceeded before the model ran");
    }
    Duration client = Duration.ofNanos(left);
    return serverTimeout.isZero() || client.compareTo(serverTimeout) < 0 ? client : serverTimeout;
  }
}
