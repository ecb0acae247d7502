package t2i.training.scenejudge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import t2i.data.image.Images;
import t2i.data.scenes.Box;
import t2i.error.UserException;
import t2i.training.BatchTensors;
import t2i.training.ChunkedInference;
import t2i.training.Precision;
import t2i.training.Sessions;
import t2i.training.run.Checkpoint;
import t2i.training.run.Checkpoints;
import t2i.training.run.RunDirectory;

/** A trained scene judge (or its twin) for inference, restored from a run's latest checkpoint. */
public final class SceneJudgeModel implements SceneJudge, AutoCloseable {
  private final SceneJudgeConfig config;
  private final Checkpoint checkpoint;
  private final SceneJudgeGraph graph;
  private final Session session;
  private final ChunkedInference objects;
  private final ChunkedInference backgrounds;

  private SceneJudgeModel(
      SceneJudgeConfig config, Checkpoint checkpoint, String objectNetwork, int threads) {
    this.config = config;
    this.checkpoint = checkpoint;
    this.graph = SceneJudgeGraph.inference(config, objectNetwork);
    this.session = Sessions.open(graph.graph, threads, Precision.FLOAT32, checkpoint);
    this.objects = new ChunkedInference(session, graph.objects.outputs);
    this.backgrounds = new ChunkedInference(session, graph.background.outputs);
  }

  /**
   * The judge of a run: object network {@link SceneJudgeGraph#OBJECTS}, or {@link
   * SceneJudgeGraph#TWIN} if it has one, with the background network.
   */
  public static SceneJudgeModel load(Path runDir, String objectNetwork, int threads) {
    SceneJudgeConfig config =
        RunDirectory.open(runDir, SceneJudgeTrainer.KIND).config(SceneJudgeConfig.class);
    if (objectNetwork.equals(SceneJudgeGraph.TWIN) && config.twinStyle() == null) {
      throw new UserException(runDir + " trained no twin");
    }
    return new SceneJudgeModel(config, Checkpoints.latestOf(runDir), objectNetwork, threads);
  }

  public SceneJudgeConfig config() {
    return config;
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  @Override
  public List<String> classNames() {
    return config.classNames();
  }

  @Override
  public List<String> emojiKeys() {
    return config.emojiKeys();
  }

  @Override
  public List<String> backgrounds() {
    return config.backgrounds();
  }

  @Override
  public ObjectScores objects(float[] images, int side, List<List<Box>> boxes) {
    int s = config.cropSide();
    float[] crops = Crops.crops(images, side, boxes, config.cropMargin(), s);
    int n = crops.length / (s * s * Images.CHANNELS);
    float[] rows = run(objects, graph.objects.crops, crops, n, s, Images.CHANNELS);
    int kc = config.classes();
    int ke = config.emoji();
    float[] classes = new float[n * kc];
    float[] emoji = new float[n * ke];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rows, i * (kc + ke), classes, i * kc, kc);
      System.arraycopy(rows, i * (kc + ke) + kc, emoji, i * ke, ke);
    }
    return new ObjectScores(n, classes, emoji);
  }

  @Override
  public float[] backgrounds(float[] images, int side, List<List<Box>> boxes) {
    int s = config.backgroundSide();
    float[] inputs = Crops.backgrounds(images, side, boxes, s);
    return run(
        backgrounds, graph.background.inputs, inputs, boxes.size(), s, Crops.BACKGROUND_CHANNELS);
  }

  private static float[] run(
      ChunkedInference inference,
      Operand<TFloat32> input,
      float[] values,
      int n,
      int side,
      int channels) {
    return inference.run(
        n,
        (start, count) ->
            Map.of(input, BatchTensors.rows(values, start, count, side, side, channels)));
  }

  @Override
  public void close() {
    session.close();
    graph.graph.close();
  }
}
