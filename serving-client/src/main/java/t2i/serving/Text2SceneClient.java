package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Texts in, scenes out, over either backend: the {@link Text2SceneContract} signature {@code
 * serving_default}, a seed per text (the same seed gives the same scene). Large requests are split
 * into batches of at most {@code maxBatchSize}; scenes come back in the order of the texts.
 */
public final class Text2SceneClient {
  private final PredictClient client;
  private final ModelSpec model;
  private final int maxBatchSize;

  private Text2SceneClient(PredictClient client, ModelSpec model, int maxBatchSize) {
    this.client = checkNotNull(client, "client");
    this.model = checkNotNull(model, "model");
    checkArgument(maxBatchSize >= 1, "maxBatchSize must be >= 1, was %s", maxBatchSize);
    this.maxBatchSize = maxBatchSize;
  }

  /** A client of the latest {@code text2scene}, batches of at most 16. */
  public static Text2SceneClient of(PredictClient client) {
    return new Text2SceneClient(client, ModelSpec.latest(Text2SceneContract.MODEL), 16);
  }

  /** The same client for another model or version. */
  public Text2SceneClient withModel(ModelSpec model) {
    return new Text2SceneClient(client, model, maxBatchSize);
  }

  public Text2SceneClient withMaxBatchSize(int maxBatchSize) {
    return new Text2SceneClient(client, model, maxBatchSize);
  }

  /** One scene per text, text {@code i} with seed {@code i}. */
  public List<GeneratedScene> generate(List<String> texts, List<Long> seeds) {
    checkArgument(
        texts.size() == seeds.size(),
        "one seed per text: %s texts but %s seeds",
        texts.size(),
        seeds.size());
    List<GeneratedScene> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += maxBatchSize) {
      int to = Math.min(texts.size(), from + maxBatchSize);
      out.addAll(batch(texts.subList(from, to), seeds.subList(from, to)));
    }
    return out;
  }

  private List<GeneratedScene> batch(List<String> texts, List<Long> seeds) {
    int n = texts.size();
    String signature = Text2SceneContract.SERVING_DEFAULT;
    Map<String, TensorValue> outputs =
        client.predict(
            model,
            signature,
            Map.of(
                Text2SceneContract.TEXT,
                TensorValue.ofStrings(texts, n),
                Text2SceneContract.SEED,
                TensorValue.ofLongs(seeds.stream().mapToLong(Long::longValue).toArray(), n)));
    TensorValue png =
        ModelOutputs.rows(outputs, Text2SceneContract.PNG, DType.STRING, model, signature, n);
    TensorValue labels =
        ModelOutputs.rows(outputs, Text2SceneContract.LABELS, DType.INT32, model, signature, n);
    TensorValue boxes =
        ModelOutputs.rows(outputs, Text2SceneContract.BOXES, DType.FLOAT, model, signature, n);
    TensorValue count =
        ModelOutputs.rows(outputs, Text2SceneContract.COUNT, DType.INT32, model, signature, n);
    TensorValue masks =
        ModelOutputs.rows(outputs, Text2SceneContract.MASKS, DType.FLOAT, model, signature, n);
    int slots = (int) labels.dim(1);
    int side = (int) masks.dim(2);
    if (boxes.rank() != 3 || boxes.dim(1) != slots || masks.rank() != 4 || masks.dim(1) != slots) {
      throw new IllegalStateException(
          model.describe()
              + " returned labels "
              + labels
              + ", boxes "
              + boxes
              + ", masks "
              + masks
              + "; the contract is [N, T], [N, T, 4], [N, T, S, S]");
    }
    int[] l = labels.ints();
    float[] b = boxes.floats();
    int[] c = count.ints();
    float[] m = masks.floats();
    int pixels = side * side;
    List<GeneratedScene> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      List<GeneratedScene.SceneObject> objects = new ArrayList<>();
      for (int t = 0; t < Math.min(c[i], slots); t++) {
        int k = i * slots + t;
        objects.add(
            new GeneratedScene.SceneObject(
                l[k],
                b[k * 4],
                b[k * 4 + 1],
                b[k * 4 + 2],
                b[k * 4 + 3],
                side,
                Arrays.copyOfRange(m, k * pixels, (k + 1) * pixels)));
      }
      out.add(new GeneratedScene(texts.get(i), seeds.get(i), png.bytes(i), objects));
    }
    return out;
  }
}
