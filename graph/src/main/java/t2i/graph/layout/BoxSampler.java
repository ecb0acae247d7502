package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import t2i.graph.LstmState;
import t2i.graph.SeededNoise;

/**
 * Layouts sampled in the graph from a {@link BoxGenerator}, unrolled over T_max steps: at each step
 * a label from the softmax, then (x, y) from its mixture, then (w, h) from the mixture conditioned
 * on them; the sampled box and label are the next step's input. After the end class every step is
 * masked, and the last step is always the end, so a layout holds at most T_max − 1 objects. The
 * randomness of a row comes from its own seed only ({@link SeededNoise#uniforms}), so a seed gives
 * the same layout in any batch: Gumbel-max picks the label and the mixture component, Box–Muller
 * gives the normals.
 *
 * <p>The temperature τ divides the label and mixture logits and scales every σ by √τ (sketch-rnn's
 * convention). Sampled coordinates are clipped to [0, 1].
 */
public final class BoxSampler {
  /** Mixed into the seeds so that a layout's stream differs from the image generator's z. */
  public static final long STREAM_SALT = 0x6C61796F75745F31L; // "layout_1"

  /** Smallest and largest uniform fed to the Gumbel transform, keeping it finite. */
  private static final double UNIFORM_MARGIN = 1e-12;

  /**
   * A sampled layout.
   *
   * @param labels {@code int32 [N, T_max]}: classes, then L from the end step on
   * @param boxes {@code [N, T_max, 4]}: (x, y, w, h), zeros from the end step on
   * @param counts {@code int32 [N]}: objects before the end
   */
  public record Layout(Operand<TInt32> labels, Operand<TFloat32> boxes, Operand<TInt32> counts) {
    public Layout {
      checkNotNull(labels, "labels");
      checkNotNull(boxes, "boxes");
      checkNotNull(counts, "counts");
    }
  }

  private final BoxGenerator generator;
  private final Ops tf;
  private final BoxGeneratorConfig config;

  public BoxSampler(BoxGenerator generator) {
    this.generator = checkNotNull(generator, "generator");
    this.tf = generator.network().tf();
    this.config = generator.config();
  }

  /** Random numbers one step draws: Gumbel for the label and both components, four normals. */
  int uniformsPerStep() {
    return config.labelLogits() + 2 * config.components() + 4;
  }

  /**
   * @param sentence s, {@code [N, D]}
   * @param seeds {@code int64 [N]}
   * @param temperature τ > 0, a scalar
   */
  public Layout sample(
      Operand<TFloat32> sentence, Operand<TInt64> seeds, Operand<TFloat32> temperature) {
    int steps = config.maxObjects();
    int perStep = uniformsPerStep();
    Operand<TFloat64> uniforms =
        SeededNoise.uniforms(
            tf, tf.bitwise.bitwiseXor(seeds, tf.constant(STREAM_SALT)), steps * perStep);
    Operand<TFloat32> sigmaScale = tf.math.sqrt(temperature);
    Operand<TFloat32> text = generator.textFeatures(sentence);
    LstmState state = generator.initialState(sentence);
    Operand<TFloat32> previousBox = zeros(sentence, BoxGenerator.BOX_SIZE);
    Operand<TFloat32> previousLabel = zeros(sentence, config.labelLogits());
    Operand<TBool> ended = null;
    List<Operand<TInt32>> labels = new ArrayList<>();
    List<Operand<TFloat32>> boxes = new ArrayList<>();
    List<Operand<TFloat32>> objects = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      Draws draws = new Draws(uniforms, t * perStep);
      state = generator.step(previousBox, previousLabel, text, state);
      Operand<TFloat32> logits = tf.math.div(generator.labelLogits(state.h()), temperature);
      Operand<TInt32> label =
          tf.math.argMax(
              tf.math.add(logits, draws.gumbel(config.labelLogits())),
              tf.constant(1),
              TInt32.class);
      Operand<TInt32> end = tf.fill(tf.shape(label), tf.constant(config.endClass()));
      if (t == steps - 1) {
        label = end; // T_max steps hold at most T_max − 1 objects, as in training
      } else if (ended != null) {
        label = tf.select(ended, end, label);
      }
      Operand<TFloat32> oneHot = generator.oneHot(label);
      Pair xy = draw(generator.xyParams(state.h(), oneHot), draws, temperature, sigmaScale);
      Pair wh =
          draw(
              generator.whParams(state.h(), oneHot, xy.a(), xy.b()),
              draws,
              temperature,
              sigmaScale);
      Operand<TBool> isEnd = tf.math.equal(label, end);
      Operand<TFloat32> box = tf.stack(List.of(xy.a(), xy.b(), wh.a(), wh.b()), Stack.axis(1L));
      box = tf.select(tf.expandDims(isEnd, tf.constant(1)), tf.zerosLike(box), box);
      ended = ended == null ? isEnd : tf.math.logicalOr(ended, isEnd);
      labels.add(label);
      boxes.add(box);
      objects.add(tf.dtypes.cast(tf.math.logicalNot(isEnd), TFloat32.class));
      previousBox = box;
      previousLabel = oneHot;
    }
    Operand<TInt32> counts =
        tf.dtypes.cast(
            tf.reduceSum(tf.stack(objects, Stack.axis(1L)), tf.constant(1)), TInt32.class);
    return new Layout(tf.stack(labels, Stack.axis(1L)), tf.stack(boxes, Stack.axis(1L)), counts);
  }

  /** A point from the mixture: component by Gumbel-max, then a correlated normal, in [0, 1]. */
  private Pair draw(
      BivariateGmm.Params p, Draws draws, Operand<TFloat32> temperature, Operand<TFloat32> scale) {
    int k = config.components();
    Operand<TInt32> component =
        tf.math.argMax(
            tf.math.add(tf.math.div(p.logWeights(), temperature), draws.gumbel(k)),
            tf.constant(1),
            TInt32.class);
    Operand<TFloat32> chosen =
        tf.oneHot(component, tf.constant(k), tf.constant(1f), tf.constant(0f));
    Operand<TFloat32> muX = pick(p.muX(), chosen);
    Operand<TFloat32> muY = pick(p.muY(), chosen);
    Operand<TFloat32> sigmaX = tf.math.mul(tf.math.exp(pick(p.logSigmaX(), chosen)), scale);
    Operand<TFloat32> sigmaY = tf.math.mul(tf.math.exp(pick(p.logSigmaY(), chosen)), scale);
    Operand<TFloat32> rho = pick(p.rho(), chosen);
    Pair z = draws.normalPair();
    Operand<TFloat32> x = tf.math.add(muX, tf.math.mul(sigmaX, z.a()));
    Operand<TFloat32> correlated =
        tf.math.add(
            tf.math.mul(rho, z.a()),
            tf.math.mul(tf.math.sqrt(tf.math.sub(tf.constant(1f), tf.math.mul(rho, rho))), z.b()));
    Operand<TFloat32> y = tf.math.add(muY, tf.math.mul(sigmaY, correlated));
    return new Pair(unit(x), unit(y));
  }

  /** {@code [N, columns]} zeros, N from {@code like}'s first dimension. */
  private Operand<TFloat32> zeros(Operand<TFloat32> like, int columns) {
    Operand<TInt32> batch =
        tf.slice(tf.shape(like), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
    return tf.fill(
        tf.concat(List.of(batch, tf.constant(new int[] {columns})), tf.constant(0)),
        tf.constant(0f));
  }

  private Operand<TFloat32> pick(Operand<TFloat32> values, Operand<TFloat32> chosen) {
    return tf.reduceSum(tf.math.mul(values, chosen), tf.constant(1));
  }

  private Operand<TFloat32> unit(Operand<TFloat32> v) {
    return tf.clipByValue(v, tf.constant(0f), tf.constant(1f));
  }

  private <T extends org.tensorflow.types.family.TNumber> Operand<T> slice(
      Operand<T> x, int begin, int size) {
    return tf.slice(x, tf.constant(new int[] {0, begin}), tf.constant(new int[] {-1, size}));
  }

  /** Two {@code [N]} values drawn together: (x, y), (w, h), or two normals. */
  private record Pair(Operand<TFloat32> a, Operand<TFloat32> b) {}

  /** One step's uniforms, handed out in order. */
  private final class Draws {
    private final Operand<TFloat64> uniforms;
    private int next;

    Draws(Operand<TFloat64> uniforms, int first) {
      this.uniforms = uniforms;
      this.next = first;
    }

    private Operand<TFloat64> take(int n) {
      Operand<TFloat64> u = slice(uniforms, next, n);
      next += n;
      return u;
    }

    /** {@code [N, n]} standard Gumbel: −log(−log u). */
    Operand<TFloat32> gumbel(int n) {
      Operand<TFloat64> u =
          tf.clipByValue(take(n), tf.constant(UNIFORM_MARGIN), tf.constant(1 - UNIFORM_MARGIN));
      return tf.dtypes.cast(tf.math.neg(tf.math.log(tf.math.neg(tf.math.log(u)))), TFloat32.class);
    }

    /** Two independent {@code [N]} standard normals by Box–Muller. */
    Pair normalPair() {
      Operand<TFloat64> pair = take(2);
      Operand<TFloat64> u1 = tf.math.sub(tf.constant(1.0), column(pair, 0));
      Operand<TFloat64> angle = tf.math.mul(tf.constant(2 * Math.PI), column(pair, 1));
      Operand<TFloat64> radius = tf.math.sqrt(tf.math.mul(tf.constant(-2.0), tf.math.log(u1)));
      return new Pair(
          tf.dtypes.cast(tf.math.mul(radius, tf.math.cos(angle)), TFloat32.class),
          tf.dtypes.cast(tf.math.mul(radius, tf.math.sin(angle)), TFloat32.class));
    }

    private Operand<TFloat64> column(Operand<TFloat64> x, int i) {
      return tf.reshape(slice(x, i, 1), tf.constant(new int[] {-1}));
    }
  }
}
