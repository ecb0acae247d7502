package t2i.serving;

/**
 * The {@code text2scene} model's serving contract (the layout pipeline of Hong et al., CVPR 2018:
 * text → boxes → masks → image, in one graph): tag {@code serve}, method {@value
 * SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text} string [N], {@code seed} int64 [N] → {@code image}
 *       float [N, S, S, 3] in [0, 1], {@code png_bytes} string [N] (the image as PNG bytes), and
 *       the layout it was drawn from: {@code labels} int32 [N, T], {@code boxes} float [N, T, 4],
 *       {@code count} int32 [N], {@code masks} float [N, T, S, S] (as in {@link
 *       Text2LayoutContract} exported with a shape generator). One seed drives the layout, the
 *       masks and the image's noise: a seed gives the same scene in any batch.
 *   <li>{@code sample}: the same with the box generator's {@code temperature} float [] as a third
 *       input.
 * </ul>
 *
 * Beside {@code saved_model.pb}, {@value Text2LayoutContract#CLASSES_FILE} names the classes.
 */
public final class Text2SceneContract {
  public static final String MODEL = "text2scene";

  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String SAMPLE = Text2LayoutContract.SAMPLE;
  public static final String TEXT = Text2LayoutContract.TEXT;
  public static final String SEED = Text2LayoutContract.SEED;
  public static final String TEMPERATURE = Text2LayoutContract.TEMPERATURE;
  public static final String IMAGE = "image";

  /** Named as TF Serving's REST API expects binary outputs: base64 in JSON. */
  public static final String PNG = Text2ImageContract.PNG;

  public static final String LABELS = Text2LayoutContract.LABELS;
  public static final String BOXES = Text2LayoutContract.BOXES;
  public static final String COUNT = Text2LayoutContract.COUNT;
  public static final String MASKS = Text2LayoutContract.MASKS;

  private Text2SceneContract() {}
}
