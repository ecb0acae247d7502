package t2i.serving;

/**
 * The {@code text2image} model's serving contract: tag {@code serve}, method {@code
 * tensorflow/serving/predict}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text} string [N], {@code seed} int64 [N] → {@code image}
 *       float [N, 64, 64, 3] in [0, 1], {@code png} string [N] (PNG bytes);
 *   <li>{@code generate}: {@code embedding} float [N, 1024], {@code z} float [N, 100] → {@code
 *       image}.
 * </ul>
 *
 * Through TF Serving's REST API, {@code png} comes back as raw bytes inside a JSON string (only
 * outputs named {@code *_bytes} are base64-encoded); {@link t2i.serving.rest.RestClient} reads
 * either.
 */
public final class Text2ImageContract {
  public static final String MODEL = "text2image";
  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String TEXT = "text";
  public static final String SEED = "seed";
  public static final String IMAGE = "image";

  /** PNG bytes; the {@code _bytes} suffix makes TF Serving's REST API send them as base64. */
  public static final String PNG = "png_bytes";

  public static final String GENERATE = "generate";
  public static final String EMBEDDING = "embedding";
  public static final String Z = "z";

  public static final int HEIGHT = 64;
  public static final int WIDTH = 64;
  public static final int CHANNELS = 3;
  public static final int EMBEDDING_DIM = 1024;
  public static final int Z_DIM = 100;

  private Text2ImageContract() {}
}
