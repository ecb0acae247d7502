package t2i.serving;

/**
 * The {@code text2image} model's serving contract, shared by the export that writes it and the
 * clients that call it: tag {@code serve}, every signature of method {@value
 * SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text} string [N], {@code seed} int64 [N] → {@code image}
 *       float [N, H, W, 3] in [0, 1] and {@code png_bytes} string [N] (one PNG per image); a seed
 *       gives the same image in any batch;
 *   <li>{@code png}: the inputs of {@code serving_default} → its {@code png_bytes} alone, for
 *       callers that want files and not the float image;
 *   <li>{@code generate}: {@code embedding} float [N, D], {@code z} float [N, zDim] → {@code
 *       image};
 *   <li>{@code interpolate}: {@code text_a}, {@code text_b} string [N], {@code beta} float [N],
 *       {@code z} float [N, zDim] → {@code image} of the embedding (1 − β)·φ(a) + β·φ(b).
 * </ul>
 *
 * The images are RGB ({@link #CHANNELS}); their height H and width W, the embedding length D and
 * zDim are the exported networks' own, stated by the signatures' shapes ({@link ModelMetadata}) and
 * by each response. Through TF Serving's REST API {@code png_bytes} comes back base64-encoded, as
 * every output whose name ends in {@code _bytes}; {@link t2i.serving.rest.RestClient} also reads
 * raw bytes.
 */
public final class Text2ImageContract {
  public static final String MODEL = "text2image";

  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String TEXT = "text";
  public static final String SEED = "seed";
  public static final String IMAGE = "image";

  /** PNG bytes; the {@code _bytes} suffix makes TF Serving's REST API send them as base64. */
  public static final String PNG = "png_bytes";

  /** The signature {@code text}, {@code seed} → {@code png_bytes} only. */
  public static final String PNG_SIGNATURE = "png";

  public static final String GENERATE = "generate";
  public static final String EMBEDDING = "embedding";
  public static final String Z = "z";

  public static final String INTERPOLATE = "interpolate";
  public static final String TEXT_A = "text_a";
  public static final String TEXT_B = "text_b";
  public static final String BETA = "beta";

  /** Channels of {@code image}: RGB. */
  public static final int CHANNELS = 3;

  private Text2ImageContract() {}
}
