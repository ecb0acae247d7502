package t2i.training.gan;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * How the GAN is trained beyond its networks and loss variant: each part a switch, all off in Reed
 * et al.'s recipe.
 *
 * @param emaDecay the exponential moving average of G's weights (Karras et al. 2018; Yazıcı et al.
 *     2019) that sampling, evaluation and export use: each step avg ← d·avg + (1 − d)·w with d =
 *     min(emaDecay, (1 + step)/(10 + step)); 0 for none (G's own weights)
 * @param augment differentiable augmentation of every image D sees (translation and cutout, {@link
 *     t2i.graph.DiffAugment})
 * @param spectralNorm spectral normalisation of D's kernels in place of its batch norm (Miyato et
 *     al. 2018)
 * @param hinge the hinge loss in place of the cross-entropy ({@link t2i.graph.GanLoss})
 * @param ttur two time-scale updates (Heusel et al. 2017): D at twice the learning rate and G at
 *     half of it (with the default 0.0002: 0.0004 and 0.0001, SAGAN's rates)
 */
public record GanRecipe(
    float emaDecay, boolean augment, boolean spectralNorm, boolean hinge, boolean ttur) {
  /** The names of the recipes {@link #named} knows. */
  public static final List<String> NAMES = List.of("reed2016", "ema-hinge", "modern");

  /**
   * The recipe of a new run unless told otherwise: the best measured at equal training time (the
   * README's recipe table).
   */
  public static final String DEFAULT_NAME = "ema-hinge";

  /** JSON of {@link #reed2016()}: what a run saved before recipes existed was trained with. */
  public static final String REED2016_JSON =
      "{\"emaDecay\": 0, \"augment\": false, \"spectralNorm\": false, \"hinge\": false,"
          + " \"ttur\": false}";

  /** The moving average's decay in the modern recipe. */
  public static final float EMA_DECAY = 0.999f;

  public GanRecipe {
    checkArgument(emaDecay >= 0 && emaDecay < 1, "emaDecay must be in [0, 1), was %s", emaDecay);
  }

  /** Reed et al. (ICML 2016) exactly: every switch off. */
  public static GanRecipe reed2016() {
    return new GanRecipe(0f, false, false, false, false);
  }

  /** Reed et al.'s recipe with the moving average of G and the hinge loss: the best measured. */
  public static GanRecipe emaHinge() {
    return reed2016().withEma(true).withHinge(true);
  }

  /** Every switch on. */
  public static GanRecipe modern() {
    return new GanRecipe(EMA_DECAY, true, true, true, true);
  }

  /** The recipe called {@code name} ({@link #NAMES}). */
  public static GanRecipe named(String name) {
    return switch (name) {
      case "reed2016" -> reed2016();
      case "ema-hinge" -> emaHinge();
      case "modern" -> modern();
      default ->
          throw new IllegalArgumentException(
              "recipe must be one of " + String.join(", ", NAMES) + "; was " + name);
    };
  }

  public boolean ema() {
    return emaDecay > 0;
  }

  /** The moving average's decay at {@code step}: lower at first, so it forgets the start. */
  public float emaDecayAt(long step) {
    return (float) Math.min(emaDecay, (1.0 + step) / (10.0 + step));
  }

  /** D's learning rate as a multiple of the schedule's: 2 with TTUR, else 1. */
  public float discriminatorRateScale() {
    return ttur ? 2f : 1f;
  }

  /** G's learning rate as a multiple of the schedule's: ½ with TTUR, else 1. */
  public float generatorRateScale() {
    return ttur ? 0.5f : 1f;
  }

  public GanRecipe withEma(boolean on) {
    return new GanRecipe(on ? EMA_DECAY : 0f, augment, spectralNorm, hinge, ttur);
  }

  public GanRecipe withAugment(boolean on) {
    return new GanRecipe(emaDecay, on, spectralNorm, hinge, ttur);
  }

  public GanRecipe withSpectralNorm(boolean on) {
    return new GanRecipe(emaDecay, augment, on, hinge, ttur);
  }

  public GanRecipe withHinge(boolean on) {
    return new GanRecipe(emaDecay, augment, spectralNorm, on, ttur);
  }

  public GanRecipe withTtur(boolean on) {
    return new GanRecipe(emaDecay, augment, spectralNorm, hinge, on);
  }
}
