package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The style encoder S.
 *
 * @param width channels of its first convolution (doubling three times, as D's trunk)
 * @param zDim its output: the generator's noise dimension
 */
public record StyleEncoderConfig(int width, int zDim) {
  public StyleEncoderConfig {
    checkArgument(width > 0, "width must be > 0, was %s", width);
    checkArgument(zDim > 0, "zDim must be > 0, was %s", zDim);
  }

  /** {@code cpu} (width 64, D's trunk) or {@code tiny} (width 4), for a generator's z. */
  public static StyleEncoderConfig preset(String name, int zDim) {
    return switch (name) {
      case "cpu" -> new StyleEncoderConfig(64, zDim);
      case "tiny" -> new StyleEncoderConfig(4, zDim);
      default ->
          throw new IllegalArgumentException("unknown style preset '" + name + "' (cpu, tiny)");
    };
  }
}
