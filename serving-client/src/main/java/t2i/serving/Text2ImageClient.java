package t2i.serving;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Texts in, images out, over either backend: the {@link Text2ImageContract} signature {@code
 * serving_default} with a seed per text. Seeds the caller does not give are drawn here, so the
 * model always gets both inputs and every image can be made again from its seed. Large requests are
 * split into batches of at most {@code maxBatchSize}; images come back in the order of the texts.
 * Thread-safe if the seed source is (the default one is).
 */
public final class Text2ImageClient {
  private final PredictClient client;
  private final ModelSpec model;
  private final int maxBatchSize;
  private final LongSupplier seeds;
  private volatile Boolean hasPngSignature; // looked up on first use

  private Text2ImageClient(Builder b) {
    this.client = b.client;
    this.model = b.model;
    this.maxBatchSize = b.maxBatchSize;
    this.seeds = b.seeds;
  }

  public static Builder builder(PredictClient client) {
    return new Builder(client);
  }

  /** Options of a {@link Text2ImageClient}. */
  public static final class Builder {
    private final PredictClient client;
    private ModelSpec model = ModelSpec.latest(Text2ImageContract.MODEL);
    private int maxBatchSize = 16;
    private LongSupplier seeds;

    private Builder(PredictClient client) {
      this.client = checkNotNull(client, "client");
      Random random = new Random();
      this.seeds = () -> randomSeed(random);
    }

    /** The model to call (default: the latest {@code text2image}). */
    public Builder model(ModelSpec model) {
      this.model = checkNotNull(model, "model");
      return this;
    }

    /** The largest batch sent in one request (default 16). */
    public Builder maxBatchSize(int maxBatchSize) {
      checkArgument(maxBatchSize >= 1, "maxBatchSize must be >= 1, was %s", maxBatchSize);
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /** Where seeds come from when the caller gives none (default: a {@link Random}). */
    public Builder seeds(LongSupplier seeds) {
      this.seeds = checkNotNull(seeds, "seeds");
      return this;
    }

    public Text2ImageClient build() {
      return new Text2ImageClient(this);
    }
  }

  /** Non-negative, so that seeds print and parse without surprises. */
  private static long randomSeed(Random random) {
    return random.nextLong() & Long.MAX_VALUE;
  }

  /** One image per text, with random seeds. */
  public List<GeneratedImage> generate(List<String> texts) {
    return generate(texts, drawSeeds(texts.size()));
  }

  private List<Long> drawSeeds(int n) {
    long[] drawn = new long[n];
    synchronized (seeds) {
      for (int i = 0; i < drawn.length; i++) {
        drawn[i] = seeds.getAsLong();
      }
    }
    return Arrays.stream(drawn).boxed().toList();
  }

  /** One PNG per text, with random seeds; see {@link #generatePngs(List, List)}. */
  public List<GeneratedPng> generatePngs(List<String> texts) {
    return generatePngs(texts, drawSeeds(texts.size()));
  }

  /**
   * One PNG per text, text {@code i} with seed {@code i}: the same PNGs as {@link #generate}, by
   * the model's {@value Text2ImageContract#PNG_SIGNATURE} signature, which sends no float image;
   * models exported before it existed answer through {@code serving_default}.
   */
  public List<GeneratedPng> generatePngs(List<String> texts, List<Long> seeds) {
    checkArgument(
        texts.size() == seeds.size(),
        "one seed per text: %s texts but %s seeds",
        texts.size(),
        seeds.size());
    if (hasPngSignature == null) {
      hasPngSignature =
          client.metadata(model).signatures().containsKey(Text2ImageContract.PNG_SIGNATURE);
    }
    String signature =
        hasPngSignature ? Text2ImageContract.PNG_SIGNATURE : Text2ImageContract.SERVING_DEFAULT;
    List<GeneratedPng> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += maxBatchSize) {
      int to = Math.min(texts.size(), from + maxBatchSize);
      List<String> t = texts.subList(from, to);
      List<Long> s = seeds.subList(from, to);
      TensorValue png = pngs(run(signature, t, s), signature, t.size());
      for (int i = 0; i < t.size(); i++) {
        out.add(new GeneratedPng(t.get(i), s.get(i), png.bytes(i)));
      }
    }
    return out;
  }

  private Map<String, TensorValue> run(String signature, List<String> texts, List<Long> seeds) {
    int n = texts.size();
    return client.predict(
        model,
        signature,
        Map.of(
            Text2ImageContract.TEXT,
            TensorValue.ofStrings(texts, n),
            Text2ImageContract.SEED,
            TensorValue.ofLongs(seeds.stream().mapToLong(Long::longValue).toArray(), n)));
  }

  /** One image per text, text {@code i} with seed {@code i}. */
  public List<GeneratedImage> generate(List<String> texts, List<Long> seeds) {
    checkArgument(
        texts.size() == seeds.size(),
        "one seed per text: %s texts but %s seeds",
        texts.size(),
        seeds.size());
    List<GeneratedImage> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += maxBatchSize) {
      int to = Math.min(texts.size(), from + maxBatchSize);
      out.addAll(batch(texts.subList(from, to), seeds.subList(from, to)));
    }
    return out;
  }

  private List<GeneratedImage> batch(List<String> texts, List<Long> seeds) {
    int n = texts.size();
    Map<String, TensorValue> outputs = run(Text2ImageContract.SERVING_DEFAULT, texts, seeds);
    TensorValue image =
        output(outputs, Text2ImageContract.IMAGE, DType.FLOAT, Text2ImageContract.SERVING_DEFAULT);
    TensorValue png = pngs(outputs, Text2ImageContract.SERVING_DEFAULT, n);
    long[] shape = image.shape();
    if (shape.length != 4 || shape[0] != n || shape[3] != Text2ImageContract.CHANNELS) {
      throw new IllegalStateException(
          model.describe()
              + " returned image "
              + image
              + " for "
              + n
              + " texts; the contract is float [N, H, W, "
              + Text2ImageContract.CHANNELS
              + "]");
    }
    int h = (int) shape[1];
    int w = (int) shape[2];
    int per = h * w * Text2ImageContract.CHANNELS;
    float[] pixels = image.floats();
    List<GeneratedImage> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(
          new GeneratedImage(
              texts.get(i),
              seeds.get(i),
              h,
              w,
              Arrays.copyOfRange(pixels, i * per, (i + 1) * per),
              png.bytes(i)));
    }
    return out;
  }

  private TensorValue pngs(Map<String, TensorValue> outputs, String signature, int n) {
    TensorValue png = output(outputs, Text2ImageContract.PNG, DType.STRING, signature);
    if (png.rank() != 1 || png.dim(0) != n) {
      throw new IllegalStateException(
          model.describe()
              + " returned "
              + Text2ImageContract.PNG
              + " "
              + png
              + " for "
              + n
              + " texts; expected [N]");
    }
    return png;
  }

  private TensorValue output(
      Map<String, TensorValue> outputs, String name, DType dtype, String signature) {
    return ModelOutputs.require(outputs, name, dtype, model, signature);
  }
}
