package t2i.serving.bench;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import t2i.serving.PredictClient;
import t2i.serving.grpc.GrpcClient;
import t2i.serving.grpc.GrpcModelServer;
import t2i.serving.local.InProcessClient;
import t2i.serving.local.ModelRepository;
import t2i.serving.rest.RequestFormat;
import t2i.serving.rest.RestClient;
import t2i.serving.server.ModelServer;
import t2i.serving.server.ServerOptions;

/**
 * A client of each {@link Backend} over the same loaded models: the REST and gRPC servers started
 * with the same options, and the in-process calls batched as theirs (without batching, straight to
 * the model). {@link #close} stops the clients and the servers, not the models.
 */
final class Backends implements AutoCloseable {
  /** The body format of the REST requests and responses. */
  static final RequestFormat REST_FORMAT = RequestFormat.COLUMNAR;

  private final Map<Backend, PredictClient> clients = new EnumMap<>(Backend.class);
  private final ModelServer restServer;
  private final GrpcModelServer grpcServer;

  private Backends(ModelServer restServer, GrpcModelServer grpcServer) {
    this.restServer = restServer;
    this.grpcServer = grpcServer;
  }

  /**
   * Starts both servers on free ports of {@code options.host()} and connects their clients.
   *
   * @param options the servers' options; the port is ignored
   */
  static Backends start(ModelRepository models, ServerOptions options) throws IOException {
    ServerOptions anyPort = options.withPort(0);
    ModelServer rest = ModelServer.start(models, anyPort);
    GrpcModelServer grpc;
    try {
      grpc = GrpcModelServer.start(models, anyPort);
    } catch (RuntimeException e) {
      rest.close();
      throw e;
    }
    Backends b = new Backends(rest, grpc);
    try {
      b.clients.put(
          Backend.IN_PROCESS,
          options.batching() == null
              ? InProcessClient.over(models)
              : new BatchingInProcessClient(models, options));
      b.clients.put(Backend.REST, RestClient.builder(rest.baseUri()).format(REST_FORMAT).build());
      b.clients.put(Backend.GRPC, GrpcClient.connect(grpc.target()));
    } catch (RuntimeException e) {
      b.close();
      throw e;
    }
    return b;
  }

  PredictClient client(Backend backend) {
    return clients.get(backend);
  }

  @Override
  public void close() {
    try {
      clients.values().forEach(PredictClient::close);
    } finally {
      try {
        restServer.close();
      } finally {
        grpcServer.close();
      }
    }
  }
}
