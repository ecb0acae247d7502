package t2i.training;

import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;

/** Sessions with explicit thread settings (TF_JAVA_NOTES.md: sessions are configured once). */
public final class Sessions {
  private Sessions() {}

  /**
   * @param threads intra-op threads; 0 for one per core. One thread makes results bit-reproducible,
   *     which the resume tests rely on.
   */
  public static Session create(Graph graph, int threads) {
    int intra = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ConfigProto config =
        ConfigProto.newBuilder()
            .setIntraOpParallelismThreads(intra)
            .setInterOpParallelismThreads(1)
            .build();
    return new Session(graph, config);
  }
}
