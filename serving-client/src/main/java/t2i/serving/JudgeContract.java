package t2i.serving;

/**
 * The {@code judge} model's serving contract: tag {@code serve}, method {@value
 * SignatureInfo#PREDICT_METHOD}.
 *
 * <ul>
 *   <li>{@code serving_default}: {@code image} float [N, 64, 64, 3] in [0, 1] → {@code
 *       concept_probabilities} float [N, concepts], {@code subcategory_probabilities} float [N,
 *       subcategories], {@code features} float [N, F] (what Fréchet distances are taken in).
 * </ul>
 *
 * Beside {@code saved_model.pb}, {@value #LABELS_FILE} names the classes in the order of the
 * probabilities: {@code {"concepts": [...], "subcategories": [...]}}.
 */
public final class JudgeContract {
  public static final String MODEL = "judge";

  public static final String SERVING_DEFAULT = SignatureInfo.DEFAULT_KEY;
  public static final String IMAGE = "image";
  public static final String CONCEPT_PROBABILITIES = "concept_probabilities";
  public static final String SUBCATEGORY_PROBABILITIES = "subcategory_probabilities";
  public static final String FEATURES = "features";

  public static final String LABELS_FILE = "labels.json";

  private JudgeContract() {}
}
