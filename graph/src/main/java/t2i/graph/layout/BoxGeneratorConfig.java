package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

import t2i.data.io.AbsentMeans;

/**
 * The box generator's sizes and loss weights ({@code LAYOUT_SPEC.md} §2, §5).
 *
 * @param embeddingDim D, the sentence embedding's size
 * @param classes L object classes; class L is the end of the sequence
 * @param components K, components of each bivariate mixture (20)
 * @param hidden LSTM state size (256)
 * @param textFeatures size of FC(s), concatenated to every step's input
 * @param maxObjects T_max, steps of the unrolled LSTM, the end step included
 * @param labelWeight λ_l (4)
 * @param boxWeight λ_b (1)
 * @param sigmaFloor the smallest σ of a mixture component, in canvas units
 * @param gradientClip the largest global norm of the gradients (5)
 * @param initLimit weights start U(−initLimit, initLimit), biases at 0
 * @param boxGradientScale the share of the box term's gradient that reaches the LSTM and the
 *     caption encoder (the mixture heads always get all of it); 1 is the paper's plain sum
 */
public record BoxGeneratorConfig(
    int embeddingDim,
    int classes,
    int components,
    int hidden,
    int textFeatures,
    int maxObjects,
    float labelWeight,
    float boxWeight,
    float sigmaFloor,
    float gradientClip,
    float initLimit,
    @AbsentMeans("1") float boxGradientScale) {

  public static final int COMPONENTS = 20;
  public static final int HIDDEN = 256;
  public static final int TEXT_FEATURES = 128;
  public static final float LABEL_WEIGHT = 4f;
  public static final float BOX_WEIGHT = 1f;

  /**
   * Boxes measured on pixel masks are multiples of 1/64 (or 1/128): a density may not shrink onto
   * those atoms, where its log-likelihood grows without bound. Half a 64-pixel step or more. (The
   * floor alone did not let the caption encoder learn; {@link #BOX_GRADIENT_SCALE} did.)
   */
  public static final float SIGMA_FLOOR = 0.01f;

  public static final float GRADIENT_CLIP = 5f;
  public static final float INIT_LIMIT = 0.08f;

  /**
   * See {@link #boxGradientScale}. The mixtures' gradients are large and noisy; summed into the
   * shared LSTM and caption encoder they drown the label signal in Adam's normalisation. Measured
   * in the README's box generator section ({@code t2i train boxes --box-gradient-scale 1} against
   * the default).
   */
  public static final float BOX_GRADIENT_SCALE = 0.05f;

  public BoxGeneratorConfig {
    checkArgument(embeddingDim > 0, "embeddingDim must be > 0, was %s", embeddingDim);
    checkArgument(classes > 0, "classes must be > 0, was %s", classes);
    checkArgument(components > 0, "components must be > 0, was %s", components);
    checkArgument(hidden > 0, "hidden must be > 0, was %s", hidden);
    checkArgument(textFeatures > 0, "textFeatures must be > 0, was %s", textFeatures);
    checkArgument(maxObjects > 0, "maxObjects must be > 0, was %s", maxObjects);
    checkArgument(labelWeight >= 0 && boxWeight >= 0, "loss weights must be >= 0");
    checkArgument(labelWeight + boxWeight > 0, "at least one loss weight must be > 0");
    checkArgument(sigmaFloor > 0, "sigmaFloor must be > 0, was %s", sigmaFloor);
    checkArgument(gradientClip > 0, "gradientClip must be > 0, was %s", gradientClip);
    checkArgument(initLimit > 0, "initLimit must be > 0, was %s", initLimit);
    checkArgument(
        boxGradientScale >= 0 && boxGradientScale <= 1,
        "boxGradientScale must be in [0, 1], was %s",
        boxGradientScale);
  }

  /** The paper's K = 20, λ_l = 4, λ_b = 1, with our hidden 256 and clipping at 5. */
  public static BoxGeneratorConfig defaults(int embeddingDim, int classes, int maxObjects) {
    return new BoxGeneratorConfig(
        embeddingDim,
        classes,
        COMPONENTS,
        HIDDEN,
        TEXT_FEATURES,
        maxObjects,
        LABEL_WEIGHT,
        BOX_WEIGHT,
        SIGMA_FLOOR,
        GRADIENT_CLIP,
        INIT_LIMIT,
        BOX_GRADIENT_SCALE);
  }

  /** A few hundred parameters, for tests. */
  public static BoxGeneratorConfig tiny(int embeddingDim, int classes, int maxObjects) {
    return new BoxGeneratorConfig(
        embeddingDim,
        classes,
        2,
        4,
        3,
        maxObjects,
        LABEL_WEIGHT,
        BOX_WEIGHT,
        SIGMA_FLOOR,
        GRADIENT_CLIP,
        INIT_LIMIT,
        BOX_GRADIENT_SCALE);
  }

  /** The end-of-sequence class, L. */
  public int endClass() {
    return classes;
  }

  /** Label logits per step: L classes and the end. */
  public int labelLogits() {
    return classes + 1;
  }

  public BoxGeneratorConfig withMaxObjects(int steps) {
    return new BoxGeneratorConfig(
        embeddingDim,
        classes,
        components,
        hidden,
        textFeatures,
        steps,
        labelWeight,
        boxWeight,
        sigmaFloor,
        gradientClip,
        initLimit,
        boxGradientScale);
  }

  public BoxGeneratorConfig withBoxGradientScale(float scale) {
    return new BoxGeneratorConfig(
        embeddingDim,
        classes,
        components,
        hidden,
        textFeatures,
        maxObjects,
        labelWeight,
        boxWeight,
        sigmaFloor,
        gradientClip,
        initLimit,
        scale);
  }

  public BoxGeneratorConfig withInitLimit(float limit) {
    return new BoxGeneratorConfig(
        embeddingDim,
        classes,
        components,
        hidden,
        textFeatures,
        maxObjects,
        labelWeight,
        boxWeight,
        sigmaFloor,
        gradientClip,
        limit,
        boxGradientScale);
  }
}
