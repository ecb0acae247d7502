package t2i.training;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GraphOptions;
import org.tensorflow.proto.RewriterConfig;
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
    Session session = create(graph, threads);
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
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intra)
            .setInterOpParallelismThreads(1)
            // Grappler's remapper fails on our gradient graphs ("fanout ... exist for missing
            // node", logged as an error) and then leaves the graph as it was: skip it.
            .setGraphOptions(
                GraphOptions.newBuilder()
                    .setRewriteOptions(
                        RewriterConfig.newBuilder().setRemapping(RewriterConfig.Toggle.OFF)))
            .build();
    return new Session(graph, config);
  }
}
