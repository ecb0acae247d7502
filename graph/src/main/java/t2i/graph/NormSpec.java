package t2i.graph;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A normalisation over the last axis (channels): batch norm or instance norm.
 *
 * @param channels size of the last axis
 * @param affine whether a learned per-channel scale γ ({@code <layer>_gamma}) and offset β ({@code
 *     <layer>_beta}, starting at 0) follow
 * @param gamma how γ starts (1 when not affine, where it is not used)
 */
public record NormSpec(int channels, boolean affine, Init gamma) {
  private static final Init ONE = Init.constant(1f);

  public NormSpec {
    checkArgument(channels > 0, "channels must be > 0, was %s", channels);
    checkNotNull(gamma, "gamma");
    checkArgument(affine || gamma.equals(ONE), "gamma %s without affine", gamma);
  }

  /** Affine, γ from 1. */
  public static NormSpec of(int channels) {
    return new NormSpec(channels, true, ONE);
  }

  /** Affine, γ from {@code gamma}. */
  public NormSpec withGamma(Init gamma) {
    return new NormSpec(channels, true, gamma);
  }

  /** Normalisation alone: no γ or β. */
  public NormSpec withoutAffine() {
    return new NormSpec(channels, false, ONE);
  }
}
