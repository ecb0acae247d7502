package t2i.serving.bench;

/** Where a benchmarked call runs. */
public enum Backend {
  /** The model called from the client's thread, in this process. */
  IN_PROCESS("in-process"),
  /**
   * {@link t2i.serving.server.ModelServer} on 127.0.0.1 through {@link
   * t2i.serving.rest.RestClient}.
   */
  REST("rest"),
  /**
   * {@link t2i.serving.grpc.GrpcModelServer} on 127.0.0.1 through {@link
   * t2i.serving.grpc.GrpcClient}.
   */
  GRPC("grpc");

  private final String label;

  Backend(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
