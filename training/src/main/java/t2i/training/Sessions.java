package t2i.training;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;

/**
 * Sessions with explicit thread settings (a session is configured once:
 * docs/tf-java.md#sessions-and-threads).
 */
public final class Sessions {
  private Sessions() {}

  /**
   * A session whose variables come from {@code checkpoint}, or from their initialisers when it is
   * null. If restoring fails (another architecture, a damaged file), the session and the graph are
   * closed before the error propagates.
   *
   * @param threads intra-op threads; 0 for one per core. One thread makes results bit-reproducible,
   *     which the resume tests rely on.
   */
  public static Session open(Graph graph, int threads, Checkpoint checkpoint) {
    return open(graph, threads, Precision.FLOAT32, checkpoint);
  }

  /** As {@link #open(Graph, int, Checkpoint)}, with the convolutions in {@code precision}. */
  public static Session open(Graph graph, int threads, Precision precision, Checkpoint checkpoint) {
    Session session = create(graph, threads, precision);
    try {
      if (checkpoint != null) {
        Checkpoints.restore(session, checkpoint);
      } else {
        session.initialize();
      }
      return session;
    } catch (RuntimeException e) {
      session.close();
      graph.close();
      throw e;
    }
  }

  public static Session create(Graph graph, int threads) {
    return create(graph, threads, Precision.FLOAT32);
  }

  public static Session create(Graph graph, int threads, Precision precision) {
    return new Session(graph, config(threads, precision));
  }

  /** The session configuration: thread pools and the graph rewrites of {@code precision}. */
  public static ConfigProto config(int threads, Precision precision) {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intra)
        .setInterOpParallelismThreads(1)
        .setGraphOptions(GraphOptions.newBuilder().setRewriteOptions(precision.rewrites()))
        .build();
  }
}
