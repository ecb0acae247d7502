package t2i.serving;

/**
 * The {@code style} model's serving contract, shared by the export that writes it and the clients
 * that call it: tag {@code serve}, every signature of method {@value SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code encode}: {@code image} float [N, H, W, 3] in [0, 1] → {@code z} float [N, zDim], the
 *       noise from which the generator makes that image again;
 *   <li>{@code transfer}: {@code image}, {@code text} string [N] → {@code image} in [0, 1], the
 *       image's style with the text's content, and {@code png_bytes} string [N] (one PNG per
 *       image).
 * </ul>
 *
 * H × W is the generator's image size and zDim its noise length, stated by the signatures' shapes
 * ({@link ModelMetadata}). This model has no {@code serving_default} signature.
 */
public final class StyleContract {
  public static final String MODEL = "style";

  public static final String ENCODE = "encode";
  public static final String IMAGE = "image";
  public static final String Z = "z";

  public static final String TRANSFER = "transfer";
  public static final String TEXT = "text";

  /** PNG bytes; the {@code _bytes} suffix makes TF Serving's REST API send them as base64. */
  public static final String PNG = "png_bytes";

  private StyleContract() {}
}
