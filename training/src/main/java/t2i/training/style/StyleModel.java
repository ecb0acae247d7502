package t2i.training.style;

import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import t2i.graph.Mode;
import t2i.graph.Network;
import t2i.graph.StyleEncoder;
import t2i.training.ChunkedInference;
import t2i.training.ImageGeometry;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained style encoder for inference: S alone, batch norm on its moving statistics. */
public final class StyleModel implements AutoCloseable {
  private final StyleTrainingConfig config;
  private final Checkpoint checkpoint;
  private final Graph graph = new Graph();
  private final Placeholder<TFloat32> images;
  private final Session session;
  private final ChunkedInference z;

  private StyleModel(StyleTrainingConfig config, Checkpoint checkpoint, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    Ops tf = Ops.create(graph);
    images =
        tf.withName("images")
            .placeholder(TFloat32.class, Placeholder.shape(imageGeometry().batch(-1)));
    Operand<TFloat32> encoded =
        StyleEncoder.build(
            new Network(tf, StyleEncoder.PREFIX, Mode.INFERENCE, config.seed() + 1),
            config.style(),
            images);
    session =
        Sessions.open(graph, threads, config.precision().orFloat32WhereUnsupported(), checkpoint);
    z = new ChunkedInference(session, encoded);
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

  /** The images S takes, as its config states them: those of the GAN it inverts. */
  public ImageGeometry imageGeometry() {
    return ImageGeometry.of(config.style());
  }

  /**
   * S(x) of images row-major {@code [n, side, side, channels]} of {@link #imageGeometry()} in [−1,
   * 1]: row-major {@code [n, zDim]}.
   */
  public float[] encode(float[] pixels, int n) {
    ImageGeometry geometry = imageGeometry();
    geometry.checkPixels(pixels, n);
    return z.run(n, (start, count) -> Map.of(images, geometry.rows(pixels, start, count)));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
