package t2i.graph;

import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** Helpers to run small graphs in tests. */
public final class GraphTesting {
  private GraphTesting() {}

  /** One thread, so that results are bit-reproducible. */
  public static final ConfigProto ONE_THREAD =
      ConfigProto.newBuilder()
          .setIntraOpParallelismThreads(1)
          .setInterOpParallelismThreads(1)
          .build();

  public static float[] fetch(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.shape().size()];
      t.asRawTensor().data().asFloats().read(out);
      return out;
    }
  }

  public static Shape shape(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      return r.get(0).shape();
    }
  }

  public static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  public static float[] seeded(int n, long seed, float scale) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) (r.nextGaussian() * scale);
    }
    return v;
  }
}
