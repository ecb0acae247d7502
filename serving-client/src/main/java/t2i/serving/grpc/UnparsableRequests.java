package t2i.serving.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;

/**
 * Answers a request whose bytes are not its message with INTERNAL "Failed to parse request: ...",
 * the code grpc-java's protobuf marshaller gives such bytes ("Invalid protobuf byte sequence"),
 * where grpc-java's server would report it as UNKNOWN "Application error processing RPC". The
 * service is rebound to take raw streams ({@link ServerInterceptors#useInputStreamMessages}) so
 * that parsing happens inside the listener this interceptor wraps.
 */
final class UnparsableRequests implements ServerInterceptor {
  static ServerServiceDefinition guard(ServerServiceDefinition service) {
    return ServerInterceptors.intercept(
        ServerInterceptors.useInputStreamMessages(service), new UnparsableRequests());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(
        next.startCall(call, headers)) {
      private boolean failed;

      @Override
      public void onMessage(Q message) {
        // A unary service only stores its request here; it runs on half-close.
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          failed = true;
          Status cause = Status.fromThrowable(e);
          call.close(
              Status.INTERNAL.withDescription(
                  "Failed to parse request: "
                      + (cause.getDescription() != null ? cause.getDescription() : e)),
              new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        if (!failed) {
          super.onHalfClose();
        }
      }
    };
  }
}
