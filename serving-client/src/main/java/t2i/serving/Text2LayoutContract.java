package t2i.serving;

/**
 * The {@code text2layout} model's serving contract (the box generator of Hong et al., CVPR 2018):
 * tag {@code serve}, method {@value SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code text} string [N], {@code seed} int64 [N] → {@code labels}
 *       int32 [N, T], {@code boxes} float [N, T, 4] and {@code count} int32 [N], sampled at the
 *       run's temperature; a seed gives the same layout in any batch;
 *   <li>{@code sample}: the same with {@code temperature} float [] as a third input.
 * </ul>
 *
 * Row i holds {@code count[i]} objects, left to right: class {@code labels[i][t]} in box {@code
 * boxes[i][t]} = (x, y, w, h), the top-left corner and size as fractions of the canvas, y
 * downwards. From step {@code count[i]} on, labels are the end class (the number of classes) and
 * boxes zero. T is the exported generator's step count, at most T − 1 objects. Beside {@code
 * saved_model.pb}, {@value #CLASSES_FILE} names the classes by id: {@code {"classes": [...]}}.
 *
 * <p>Exported with a shape generator ({@code t2i export --boxes --shapes}), both signatures also
 * give {@code masks} float [N, T, S, S] in [0, 1], object t's mask on an S × S canvas (zero outside
 * its box and in empty slots); T is then the shape generator's slot count and a row may hold T
 * objects.
 */
public final class Text2LayoutContract {
  public static final String MODEL = "text2layout";

  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String SAMPLE = "sample";
  public static final String TEXT = "text";
  public static final String SEED = "seed";
  public static final String TEMPERATURE = "temperature";
  public static final String LABELS = "labels";
  public static final String BOXES = "boxes";
  public static final String COUNT = "count";
  public static final String MASKS = "masks";

  public static final String CLASSES_FILE = "classes.json";

  private Text2LayoutContract() {}
}
