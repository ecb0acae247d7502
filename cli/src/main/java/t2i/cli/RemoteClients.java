package t2i.cli;

import java.net.URI;
import t2i.error.UserException;
import t2i.serving.PredictClient;
import t2i.serving.grpc.GrpcClient;
import t2i.serving.rest.RestClient;

/**
 * A client of a server named by a URL: {@code http://host:8501} (REST) or {@code grpc://host:8500}.
 */
final class RemoteClients {
  private RemoteClients() {}

  static PredictClient connect(URI server) {
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase();
    return switch (scheme) {
      case "http", "https" -> RestClient.connect(server);
      case "grpc" -> {
        if (server.getHost() == null || server.getPort() < 0) {
          throw new UserException(
              "a gRPC server is grpc://HOST:PORT, e.g. grpc://127.0.0.1:8500; was " + server);
        }
        yield GrpcClient.connect(server.getHost() + ":" + server.getPort());
      }
      default ->
          throw new UserException(
              "unknown server "
                  + server
                  + ": use http://HOST:PORT for TF Serving's REST API or grpc://HOST:PORT for its"
                  + " gRPC API");
    };
  }
}
