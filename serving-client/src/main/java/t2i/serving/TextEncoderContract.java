package t2i.serving;

/**
 * The {@code text_encoder} model's serving contract, shared by the export that writes it and the
 * clients that call it: tag {@code serve}, every signature of method {@value
 * SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text} string [N] → {@code embedding} float [N, D], the text
 *       encoded to Reed's characters inside the graph;
 *   <li>{@code encode_chars}: {@code chars} int32 [N, 201] (Reed's character ids, 0-padded) →
 *       {@code embedding}.
 * </ul>
 *
 * D is the exported encoder's own, stated by the signatures' shapes ({@link ModelMetadata}).
 */
public final class TextEncoderContract {
  public static final String MODEL = "text_encoder";

  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String TEXT = "text";
  public static final String EMBEDDING = "embedding";

  public static final String ENCODE_CHARS = "encode_chars";
  public static final String CHARS = "chars";

  private TextEncoderContract() {}
}
