package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The text-conditional DCGAN of Reed et al. (ICML 2016), SPEC §2.
 *
 * @param ngf generator width: ngf·8 channels at 4×4 down to ngf at 32×32
 * @param ndf discriminator width: ndf at 32×32 up to ndf·8 at 4×4
 * @param zDim noise size (100)
 * @param textDim the text embedding projected to this size (128), in G and in D
 * @param embeddingDim the text embedding's size (1024)
 * @param residual the reference code's residual bottleneck blocks (1×1 → 3×3 → 3×3) at 4×4 and 8×8
 *     in G and at 4×4 in D
 */
public record GanConfig(
    int ngf, int ndf, int zDim, int textDim, int embeddingDim, boolean residual) {
  public GanConfig {
    checkArgument(ngf > 0 && ndf > 0, "ngf and ndf must be > 0, were %s and %s", ngf, ndf);
    checkArgument(zDim > 0 && textDim > 0 && embeddingDim > 0, "sizes must be > 0");
  }

  /** The paper's reference: ngf 128, ndf 64, residual blocks. */
  public static GanConfig reed() {
    return new GanConfig(128, 64, 100, 128, 1024, true);
  }

  /** The default on a 2-core machine: ngf 64, ndf 64, no residual blocks. */
  public static GanConfig cpu() {
    return new GanConfig(64, 64, 100, 128, 1024, false);
  }

  /** For tests. */
  public static GanConfig tiny() {
    return new GanConfig(4, 4, 8, 8, 16, true);
  }

  public static GanConfig preset(String name) {
    return switch (name) {
      case "reed" -> reed();
      case "cpu" -> cpu();
      case "tiny" -> tiny();
      default ->
          throw new IllegalArgumentException("unknown GAN preset '" + name + "' (reed, cpu, tiny)");
    };
  }

  public GanConfig withEmbeddingDim(int embeddingDim) {
    return new GanConfig(ngf, ndf, zDim, textDim, embeddingDim, residual);
  }
}
