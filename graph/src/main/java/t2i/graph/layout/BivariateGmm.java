package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.types.TFloat32;

/**
 * A mixture of K bivariate Gaussians over points (x, y), as in sketch-rnn, whose parameters come
 * from a linear layer's {@code [N, 6K]} raw output, in blocks of K: mixture logits, μx, μy, raw σx,
 * raw σy, raw ρ.
 *
 * <pre>
 * log π = log_softmax(logits)
 * σ = floor + exp(raw σ)          computed as log σ = log floor + softplus(raw σ − log floor)
 * ρ = 0.95 · tanh(raw ρ)
 * log p(x, y) = logsumexp_k [ log π_k + log N(x, y; μ_k, σ_k, ρ_k) ]
 * </pre>
 *
 * The floor on σ and the bound on |ρ| keep the density's log finite for any point: the Obj-GAN box
 * generator went to NaN without them. Only ops with registered gradients are used.
 */
public final class BivariateGmm {
  /** Raw values per component: logit, μx, μy, σx, σy, ρ. */
  public static final int PARAMETERS_PER_COMPONENT = 6;

  /** The largest |ρ|: 1 − ρ² stays ≥ 0.0975. */
  public static final float MAX_CORRELATION = 0.95f;

  private static final double LOG_2PI = Math.log(2 * Math.PI);

  /**
   * The mixture's parameters, each {@code [N, K]}.
   *
   * @param logWeights log π, normalised over K
   */
  public record Params(
      Operand<TFloat32> logWeights,
      Operand<TFloat32> muX,
      Operand<TFloat32> muY,
      Operand<TFloat32> logSigmaX,
      Operand<TFloat32> logSigmaY,
      Operand<TFloat32> rho) {
    public Params {
      checkNotNull(logWeights, "logWeights");
      checkNotNull(muX, "muX");
      checkNotNull(muY, "muY");
      checkNotNull(logSigmaX, "logSigmaX");
      checkNotNull(logSigmaY, "logSigmaY");
      checkNotNull(rho, "rho");
    }
  }

  private BivariateGmm() {}

  /** Width of the raw parameter vector for {@code components} components. */
  public static int rawSize(int components) {
    return PARAMETERS_PER_COMPONENT * components;
  }

  /**
   * The parameters from a linear layer's output.
   *
   * @param raw {@code [N, 6K]}
   * @param sigmaFloor the smallest σ, > 0
   */
  public static Params fromRaw(Ops tf, Operand<TFloat32> raw, int components, float sigmaFloor) {
    checkArgument(components > 0, "components must be > 0, was %s", components);
    checkArgument(sigmaFloor > 0, "sigmaFloor must be > 0, was %s", sigmaFloor);
    float logFloor = (float) Math.log(sigmaFloor);
    return new Params(
        tf.nn.logSoftmax(block(tf, raw, components, 0)),
        block(tf, raw, components, 1),
        block(tf, raw, components, 2),
        flooredLog(tf, block(tf, raw, components, 3), logFloor),
        flooredLog(tf, block(tf, raw, components, 4), logFloor),
        tf.math.mul(tf.math.tanh(block(tf, raw, components, 5)), tf.constant(MAX_CORRELATION)));
  }

  /**
   * log p(x, y) of each row's point under that row's mixture.
   *
   * @param x {@code [N]}
   * @param y {@code [N]}
   * @return {@code [N]}
   */
  public static Operand<TFloat32> logLikelihood(
      Ops tf, Params p, Operand<TFloat32> x, Operand<TFloat32> y) {
    Operand<TFloat32> dx =
        tf.math.mul(tf.math.sub(column(tf, x), p.muX()), tf.math.exp(tf.math.neg(p.logSigmaX())));
    Operand<TFloat32> dy =
        tf.math.mul(tf.math.sub(column(tf, y), p.muY()), tf.math.exp(tf.math.neg(p.logSigmaY())));
    Operand<TFloat32> oneMinusRhoSquared =
        tf.math.sub(tf.constant(1f), tf.math.mul(p.rho(), p.rho()));
    Operand<TFloat32> quadratic =
        tf.math.sub(
            tf.math.add(tf.math.mul(dx, dx), tf.math.mul(dy, dy)),
            tf.math.mul(tf.constant(2f), tf.math.mul(p.rho(), tf.math.mul(dx, dy))));
    Operand<TFloat32> logNormalisation =
        tf.math.add(
            tf.math.add(tf.constant((float) LOG_2PI), tf.math.add(p.logSigmaX(), p.logSigmaY())),
            tf.math.mul(tf.constant(0.5f), tf.math.log(oneMinusRhoSquared)));
    Operand<TFloat32> logDensity =
        tf.math.neg(
            tf.math.add(
                logNormalisation,
                tf.math.div(quadratic, tf.math.mul(tf.constant(2f), oneMinusRhoSquared))));
    return logSumExp(tf, tf.math.add(p.logWeights(), logDensity));
  }

  /**
   * log Σ_k exp(a_k) over the last axis of {@code [N, K]}, shifted by the row's maximum. The shift
   * is a constant to the gradient: the result does not depend on it.
   */
  static Operand<TFloat32> logSumExp(Ops tf, Operand<TFloat32> a) {
    Operand<TFloat32> max =
        tf.stopGradient(tf.max(a, tf.constant(new int[] {1}), Max.keepDims(true)));
    Operand<TFloat32> sum =
        tf.reduceSum(tf.math.exp(tf.math.sub(a, max)), tf.constant(new int[] {1}));
    return tf.math.add(tf.math.log(sum), tf.reshape(max, tf.constant(new int[] {-1})));
  }

  /** log(floor + exp(raw)), smooth and never below log floor. */
  private static Operand<TFloat32> flooredLog(Ops tf, Operand<TFloat32> raw, float logFloor) {
    return tf.math.add(
        tf.constant(logFloor), tf.math.softplus(tf.math.sub(raw, tf.constant(logFloor))));
  }

  private static Operand<TFloat32> block(Ops tf, Operand<TFloat32> raw, int k, int index) {
    return tf.slice(raw, tf.constant(new int[] {0, index * k}), tf.constant(new int[] {-1, k}));
  }

  private static Operand<TFloat32> column(Ops tf, Operand<TFloat32> v) {
    return tf.reshape(v, tf.constant(new int[] {-1, 1}));
  }
}
