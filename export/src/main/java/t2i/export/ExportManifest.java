package t2i.export;

import java.util.List;
import t2i.data.io.AbsentMeans;
import t2i.serving.local.LoadedModel;
import t2i.training.Precision;

/**
 * {@code t2i-export.json} in each exported version folder: where the model came from.
 *
 * @param model the model name ({@code text_encoder}, {@code text2image}, {@code style})
 * @param sources the runs whose weights it holds
 * @param dataset the dataset they trained on
 * @param signatures signature keys, each of method {@code tensorflow/serving/predict}
 * @param precision the arithmetic {@code t2i serve} runs the model in ({@code float32} or {@code
 *     bfloat16}, TF's oneDNN mixed precision); the graph itself is float32
 */
public record ExportManifest(
    String model,
    List<Source> sources,
    String dataset,
    List<String> signatures,
    @AbsentMeans("\"float32\"") Precision precision) {
  public static final String FILE = LoadedModel.EXPORT_MANIFEST;

  /**
   * One source run.
   *
   * @param kind {@code embedding}, {@code gan}, ...
   * @param run its folder, absolute
   * @param step the checkpoint's step
   * @param preset the network preset the configuration matches, or {@code custom}
   * @param config the run's configuration
   */
  public record Source(String kind, String run, long step, String preset, Object config) {}

  public ExportManifest {
    sources = List.copyOf(sources);
    signatures = List.copyOf(signatures);
  }
}
