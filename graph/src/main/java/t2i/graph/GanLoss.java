package t2i.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The GAN losses of Reed et al. (ICML 2016, Algorithm 1), written as minimised cross-entropies over
 * logits: s_r = D(real image, right text), s_w = D(real image, wrong text), s_f = D(fake image,
 * right text), s_i = D(G(z, interpolated text), interpolated text).
 *
 * <pre>
 * L_D = CE(s_r, 1) + (CE(s_w, 0) + CE(s_f, 0)) / 2        GAN-CLS (plain GAN: CE(s_r, 1) + CE(s_f, 0))
 * L_G = CE(s_f, 1) [+ CE(s_i, 1)]                          [GAN-INT term, weight 1]
 * </pre>
 *
 * CE(x, z) = softplus(x) − x·z, the numerically stable sigmoid cross-entropy, averaged over the
 * batch. The hinge form (Lim and Ye 2017; Miyato et al. 2018) keeps the same pairs and weights:
 *
 * <pre>
 * L_D = E[max(0, 1 − s_r)] + (E[max(0, 1 + s_w)] + E[max(0, 1 + s_f)]) / 2
 * L_G = −E[s_f] [− E[s_i]]
 * </pre>
 */
public final class GanLoss {
  private GanLoss() {}

  /** Mean sigmoid cross-entropy of {@code logits} against the constant label {@code label}. */
  public static Operand<TFloat32> crossEntropy(Ops tf, Operand<TFloat32> logits, float label) {
    Operand<TFloat32> ce =
        tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, tf.constant(label)));
    return tf.math.mean(ce, tf.constant(0));
  }

  /**
   * Sigmoid cross-entropy of {@code logits} against {@code label}, averaged with {@code weights}
   * ({@code [N]}, e.g. 1 for an object and 0 for an empty slot): {@code Σ w·CE / max(Σ w, 1)}.
   */
  public static Operand<TFloat32> crossEntropy(
      Ops tf, Operand<TFloat32> logits, float label, Operand<TFloat32> weights) {
    Operand<TFloat32> ce =
        tf.math.sub(tf.math.softplus(logits), tf.math.mul(logits, tf.constant(label)));
    Operand<TInt32> all = tf.constant(0);
    return tf.math.div(
        tf.sum(tf.math.mul(ce, weights), all),
        tf.math.maximum(tf.sum(weights, all), tf.constant(1f)));
  }

  /** L_D of GAN-CLS (matching-aware) or of the plain GAN ({@code wrong} null). */
  public static Operand<TFloat32> discriminator(
      Ops tf, Operand<TFloat32> realRight, Operand<TFloat32> realWrong, Operand<TFloat32> fake) {
    Operand<TFloat32> real = crossEntropy(tf, realRight, 1f);
    if (realWrong == null) {
      return tf.math.add(real, crossEntropy(tf, fake, 0f));
    }
    return tf.math.add(
        real,
        tf.math.mul(
            tf.math.add(crossEntropy(tf, realWrong, 0f), crossEntropy(tf, fake, 0f)),
            tf.constant(0.5f)));
  }

  /** L_D in the hinge form, of GAN-CLS or of the plain GAN ({@code wrong} null). */
  public static Operand<TFloat32> hingeDiscriminator(
      Ops tf, Operand<TFloat32> realRight, Operand<TFloat32> realWrong, Operand<TFloat32> fake) {
    Operand<TFloat32> real = hinge(tf, realRight, -1f);
    if (realWrong == null) {
      return tf.math.add(real, hinge(tf, fake, 1f));
    }
    return tf.math.add(
        real,
        tf.math.mul(tf.math.add(hinge(tf, realWrong, 1f), hinge(tf, fake, 1f)), tf.constant(0.5f)));
  }

  /** L_G in the hinge form, with the GAN-INT term when {@code interpolated} is not null. */
  public static Operand<TFloat32> hingeGenerator(
      Ops tf, Operand<TFloat32> fake, Operand<TFloat32> interpolated) {
    Operand<TFloat32> g = tf.math.neg(tf.math.mean(fake, tf.constant(0)));
    return interpolated == null ? g : tf.math.sub(g, tf.math.mean(interpolated, tf.constant(0)));
  }

  /** E[max(0, 1 + sign·s)]: sign −1 for pairs D should score high, +1 for those it should not. */
  private static Operand<TFloat32> hinge(Ops tf, Operand<TFloat32> logits, float sign) {
    Operand<TFloat32> margin =
        tf.nn.relu(tf.math.add(tf.constant(1f), tf.math.mul(logits, tf.constant(sign))));
    return tf.math.mean(margin, tf.constant(0));
  }

  /** L_G, with the GAN-INT term when {@code interpolated} is not null. */
  public static Operand<TFloat32> generator(
      Ops tf, Operand<TFloat32> fake, Operand<TFloat32> interpolated) {
    Operand<TFloat32> g = crossEntropy(tf, fake, 1f);
    return interpolated == null ? g : tf.math.add(g, crossEntropy(tf, interpolated, 1f));
  }
}
