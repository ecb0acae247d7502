package t2i.training.style;

import java.nio.file.Path;
import java.util.Arrays;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.StyleEncoder;
import t2i.training.BatchTensors;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained style encoder for inference: S alone, batch norm on its moving statistics. */
public final class StyleModel implements AutoCloseable {
  private static final int BATCH = 64;
  private static final int IMAGE = 64 * 64 * 3;

  private final StyleTrainingConfig config;
  private final Checkpoint checkpoint;
  private final Graph graph = new Graph();
  private final Placeholder<TFloat32> images;
  private final Operand<TFloat32> z;
  private final Session session;

  private StyleModel(StyleTrainingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    Ops tf = Ops.create(graph);
    images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 64, 64, 3)));
    z =
        StyleEncoder.build(
            new Network(tf, StyleEncoder.PREFIX, Mode.INFERENCE, config.seed() + 1),
            config.style(),
            images);
    session = Sessions.open(graph, threads, checkpoint);
  }

  /** The run's latest checkpoint. */
  public static StyleModel load(Path runDir, int threads) {
    StyleTrainingConfig config =
        RunDirectory.open(runDir, StyleTrainer.KIND).config(StyleTrainingConfig.class);
    Checkpoint latest = Checkpoints.latestOf(runDir);
    return new StyleModel(config, latest, threads);
  }

  public StyleTrainingConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** S(x) of images row-major {@code [n, 64, 64, 3]} in [−1, 1]: row-major {@code [n, zDim]}. */
  public float[] encode(float[] pixels, int n) {
    int zDim = config.style().zDim();
    float[] out = new float[n * zDim];
    for (int start = 0; start < n; start += BATCH) {
      int m = Math.min(BATCH, n - start);
      float[] part = Arrays.copyOfRange(pixels, start * IMAGE, (start + m) * IMAGE);
      try (TFloat32 x =
              TFloat32.tensorOf(Shape.of(m, 64, 64, 3), DataBuffers.of(part, true, false));
          Result r = session.runner().feed(images, x).fetch(z).run()) {
        float[] values = BatchTensors.floats((TFloat32) r.get(0));
        System.arraycopy(values, 0, out, start * zDim, values.length);
      }
    }
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
