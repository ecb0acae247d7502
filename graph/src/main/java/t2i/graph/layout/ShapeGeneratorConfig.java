package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The shape generator's sizes (LAYOUT_SPEC §3; the paper's widths are not stated, ours are [G]).
 *
 * @param classes L, the box tensors' channels
 * @param side H = W of the box tensors and masks (64 in the paper's appendix)
 * @param slots T, objects per layout (empty slots draw nothing and are skipped by the LSTM)
 * @param encoderWidth channels after the first stride-2 convolution; the second doubles them
 * @param lstmHidden channels of each direction of the bidirectional convolutional LSTM
 * @param zDim noise per object, tiled over the grid
 * @param width channels of the residual blocks (at side / 4)
 * @param residualBlocks residual blocks after the box gate
 * @param discriminatorWidth channels of the discriminators' first convolution (doubled thrice)
 * @param reconstructionWeight the perceptual loss's weight in L_shape (10)
 */
public record ShapeGeneratorConfig(
    int classes,
    int side,
    int slots,
    int encoderWidth,
    int lstmHidden,
    int zDim,
    int width,
    int residualBlocks,
    int discriminatorWidth,
    float reconstructionWeight) {

  /** L_shape = L_inst + L_global + 10 · L_rec (the paper's weights). */
  public static final float RECONSTRUCTION_WEIGHT = 10f;

  public ShapeGeneratorConfig {
    checkArgument(classes > 0, "classes must be > 0, was %s", classes);
    checkArgument(
        side >= 16 && side % 16 == 0, "side must be a multiple of 16 (>= 16), was %s", side);
    checkArgument(slots >= 1, "slots must be >= 1, was %s", slots);
    checkArgument(encoderWidth >= 1, "encoderWidth must be >= 1, was %s", encoderWidth);
    checkArgument(lstmHidden >= 1, "lstmHidden must be >= 1, was %s", lstmHidden);
    checkArgument(zDim >= 1, "zDim must be >= 1, was %s", zDim);
    checkArgument(width >= 4, "width must be >= 4 (bottleneck blocks), was %s", width);
    checkArgument(residualBlocks >= 0, "residualBlocks must be >= 0, was %s", residualBlocks);
    checkArgument(
        discriminatorWidth >= 1, "discriminatorWidth must be >= 1, was %s", discriminatorWidth);
    checkArgument(
        reconstructionWeight >= 0,
        "reconstructionWeight must be >= 0, was %s",
        reconstructionWeight);
  }

  /** The 2-core preset: narrow widths (masks of the data's side, 64 for the emoji scenes). */
  public static ShapeGeneratorConfig cpu(int classes, int slots, int side) {
    return new ShapeGeneratorConfig(
        classes, side, slots, 32, 32, 16, 64, 2, 32, RECONSTRUCTION_WEIGHT);
  }

  /** For tests: a few channels. */
  public static ShapeGeneratorConfig tiny(int classes, int slots, int side) {
    return new ShapeGeneratorConfig(classes, side, slots, 4, 4, 2, 8, 1, 4, RECONSTRUCTION_WEIGHT);
  }

  public static ShapeGeneratorConfig preset(String name, int classes, int slots, int side) {
    return switch (name) {
      case "cpu" -> cpu(classes, slots, side);
      case "tiny" -> tiny(classes, slots, side);
      default ->
          throw new IllegalArgumentException(
              "unknown shape generator preset '" + name + "' (expected cpu or tiny)");
    };
  }

  /** The side of the encoder's output grid, where the LSTM runs. */
  public int grid() {
    return side / 4;
  }
}
