package t2i.graph.layout;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Cumsum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import t2i.graph.DenseSpec;
import t2i.graph.Init;
import t2i.graph.LstmCell;
import t2i.graph.LstmState;
import t2i.graph.Network;

/**
 * The box generator of Hong et al. (CVPR 2018; {@code LAYOUT_SPEC.md} §2): an LSTM that emits one
 * labelled box per step, {@code p(l_t | ·) · p(x_t, y_t | l_t, ·) · p(w_t, h_t | x_t, y_t, l_t,
 * ·)}, conditioned on a sentence embedding s, unrolled over T_max steps.
 *
 * <pre>
 * h_0 = tanh(W_0 s + b_0),  c_0 = 0,  u = tanh(W_s s + b_s)
 * [h_t, c_t] = LSTM([b_{t−1}, onehot(l_{t−1}), u]; h_{t−1}, c_{t−1})     b_{−1}, l_{−1}: zeros
 * label logits = W_l h_t + b_l                                             over L + 1 classes
 * θ_xy = W_xy [h_t, onehot(l_t)] + b_xy,  θ_wh = W_wh [h_t, onehot(l_t), x_t, y_t] + b_wh
 * </pre>
 *
 * Boxes are (x, y, w, h) in canvas units. Variables (prefix {@code <net>_}): {@code init_*}, {@code
 * text_*}, {@code lstm_*}, {@code label_*}, {@code xy_*}, {@code wh_*}.
 */
public final class BoxGenerator {
  /** The network prefix of the box generator's variables. */
  public static final String PREFIX = "boxgen";

  /** x, y, w, h. */
  public static final int BOX_SIZE = 4;

  /**
   * The training loss and its parts.
   *
   * @param total λ_l · labelNll + λ_b · boxNll
   * @param labelNll −mean log p(l_t) over the steps up to and including the end
   * @param boxNll −mean log p(b_t) over the real objects
   */
  public record Loss(
      Operand<TFloat32> total, Operand<TFloat32> labelNll, Operand<TFloat32> boxNll) {
    public Loss {
      checkNotNull(total, "total");
      checkNotNull(labelNll, "labelNll");
      checkNotNull(boxNll, "boxNll");
    }
  }

  private final Network net;
  private final Ops tf;
  private final BoxGeneratorConfig config;
  private final Affine initialState;
  private final Affine textFeatures;
  private final LstmCell cell;
  private final Affine labelHead;
  private final Affine xyHead;
  private final Affine whHead;

  /** Creates the generator's variables in {@code net}. */
  public BoxGenerator(Network net, BoxGeneratorConfig config) {
    this.net = checkNotNull(net, "net");
    this.config = checkNotNull(config, "config");
    this.tf = net.tf();
    Init init = Init.uniform(config.initLimit());
    int d = config.embeddingDim();
    int h = config.hidden();
    int labels = config.labelLogits();
    int gmm = BivariateGmm.rawSize(config.components());
    initialState = Affine.create(net, "init", d, h, init);
    textFeatures = Affine.create(net, "text", d, config.textFeatures(), init);
    int stepInput = BOX_SIZE + labels + config.textFeatures();
    cell = LstmCell.dense(net, "lstm", DenseSpec.of(stepInput, h, init));
    labelHead = Affine.create(net, "label", h, labels, init);
    xyHead = Affine.create(net, "xy", h + labels, gmm, init);
    whHead = Affine.create(net, "wh", h + labels + 2, gmm, init);
  }

  public BoxGeneratorConfig config() {
    return config;
  }

  public Network network() {
    return net;
  }

  /**
   * The teacher-forced training loss: every step sees the previous ground-truth box and label, and
   * θ_wh sees the true (x_t, y_t). Steps after the first end label are padding: their labels and
   * boxes may hold anything (boxes after the end are replaced by zeros before use).
   *
   * @param sentence s, {@code [N, D]}
   * @param labels {@code int32 [N, T_max]}, classes in [0, L), then L (end), then padding; a row
   *     without L has T_max objects
   * @param boxes {@code [N, T_max, 4]}, (x, y, w, h), left to right
   */
  public Loss loss(Operand<TFloat32> sentence, Operand<TInt32> labels, Operand<TFloat32> boxes) {
    int steps = config.maxObjects();
    checkArgument(
        boxes.shape().numDimensions() == 3
            && boxes.shape().size(1) == steps
            && boxes.shape().size(2) == BOX_SIZE,
        "boxes must be [N, %s, 4], got %s",
        steps,
        boxes.shape());
    checkArgument(
        labels.shape().numDimensions() == 2 && labels.shape().size(1) == steps,
        "labels must be [N, %s], got %s",
        steps,
        labels.shape());
    Operand<TFloat32> isEnd =
        tf.dtypes.cast(tf.math.equal(labels, tf.constant(config.endClass())), TFloat32.class);
    // 1 up to and including the first end label, 0 after it
    Operand<TFloat32> labelMask =
        tf.dtypes.cast(
            tf.math.equal(
                tf.math.cumsum(isEnd, tf.constant(1), Cumsum.exclusive(true)), tf.constant(0f)),
            TFloat32.class);
    Operand<TFloat32> objectMask = tf.math.mul(labelMask, tf.math.sub(tf.constant(1f), isEnd));
    Operand<TFloat32> realBoxes =
        tf.select(
            tf.math.greater(tf.expandDims(objectMask, tf.constant(2)), tf.constant(0f)),
            boxes,
            tf.zerosLike(boxes));

    List<Output<TInt32>> labelSteps = tf.unstack(labels, (long) steps, Unstack.axis(1L)).output();
    List<Output<TFloat32>> boxSteps =
        tf.unstack(realBoxes, (long) steps, Unstack.axis(1L)).output();
    Operand<TFloat32> text = textFeatures(sentence);
    LstmState state = initialState(sentence);
    Operand<TFloat32> previousBox = tf.zerosLike(boxSteps.get(0));
    Operand<TFloat32> previousLabel = tf.zerosLike(oneHot(labelSteps.get(0)));
    List<Operand<TFloat32>> labelLogP = new ArrayList<>();
    List<Operand<TFloat32>> boxLogP = new ArrayList<>();
    for (int t = 0; t < steps; t++) {
      state = step(previousBox, previousLabel, text, state);
      Operand<TFloat32> label = oneHot(labelSteps.get(t));
      labelLogP.add(
          tf.reduceSum(
              tf.math.mul(tf.nn.logSoftmax(labelLogits(state.h())), label), tf.constant(1)));
      List<Output<TFloat32>> xywh =
          tf.unstack(boxSteps.get(t), (long) BOX_SIZE, Unstack.axis(1L)).output();
      Operand<TFloat32> x = xywh.get(0);
      Operand<TFloat32> y = xywh.get(1);
      Operand<TFloat32> hBox = scaledGradient(state.h(), config.boxGradientScale());
      boxLogP.add(
          tf.math.add(
              BivariateGmm.logLikelihood(tf, xyParams(hBox, label), x, y),
              BivariateGmm.logLikelihood(
                  tf, whParams(hBox, label, x, y), xywh.get(2), xywh.get(3))));
      previousBox = boxSteps.get(t);
      previousLabel = label;
    }
    Operand<TFloat32> labelNll = maskedMeanNegative(tf.stack(labelLogP, stackAxis1()), labelMask);
    Operand<TFloat32> boxNll = maskedMeanNegative(tf.stack(boxLogP, stackAxis1()), objectMask);
    Operand<TFloat32> total =
        tf.math.add(
            tf.math.mul(tf.constant(config.labelWeight()), labelNll),
            tf.math.mul(tf.constant(config.boxWeight()), boxNll));
    return new Loss(total, labelNll, boxNll);
  }

  /**
   * The gradients of {@code loss} for this generator's weights, scaled together so that their
   * global norm is at most the config's {@code gradientClip}.
   */
  public List<Operand<TFloat32>> clippedGradients(Operand<TFloat32> loss) {
    List<Variable<TFloat32>> vars = net.trainable();
    var g = tf.gradients(loss, vars);
    List<Operand<TFloat32>> grads = new ArrayList<>();
    for (int i = 0; i < vars.size(); i++) {
      grads.add(g.<TFloat32>dy(i));
    }
    return clipByGlobalNorm(tf, grads, config.gradientClip());
  }

  /** Scales every gradient by {@code min(1, maxNorm / ‖all gradients‖)}. */
  public static List<Operand<TFloat32>> clipByGlobalNorm(
      Ops tf, List<Operand<TFloat32>> gradients, float maxNorm) {
    checkArgument(maxNorm > 0, "maxNorm must be > 0, was %s", maxNorm);
    Operand<TFloat32> norm = globalNorm(tf, gradients);
    Operand<TFloat32> scale =
        tf.math.div(tf.constant(maxNorm), tf.math.maximum(norm, tf.constant(maxNorm)));
    List<Operand<TFloat32>> clipped = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      clipped.add(tf.math.mul(g, scale));
    }
    return clipped;
  }

  /** ‖all gradients‖, the norm of their concatenation. */
  public static Operand<TFloat32> globalNorm(Ops tf, List<Operand<TFloat32>> gradients) {
    Operand<TFloat32> squares = tf.constant(0f);
    for (Operand<TFloat32> g : gradients) {
      Operand<TFloat32> flat = tf.reshape(g, tf.constant(new int[] {-1}));
      squares = tf.math.add(squares, tf.reduceSum(tf.math.square(flat), tf.constant(0)));
    }
    return tf.math.sqrt(squares);
  }

  /** {@code x} forwards; {@code scale ·} its gradient backwards. */
  private Operand<TFloat32> scaledGradient(Operand<TFloat32> x, float scale) {
    if (scale == 1f) {
      return x;
    }
    return tf.math.add(
        tf.math.mul(x, tf.constant(scale)),
        tf.math.mul(tf.stopGradient(x), tf.constant(1f - scale)));
  }

  /** FC(s), concatenated to every step's input. */
  Operand<TFloat32> textFeatures(Operand<TFloat32> sentence) {
    return tf.math.tanh(textFeatures.apply(sentence));
  }

  /** One LSTM step from the previous box {@code [N, 4]} and label {@code [N, L + 1]}. */
  LstmState step(
      Operand<TFloat32> previousBox,
      Operand<TFloat32> previousLabel,
      Operand<TFloat32> text,
      LstmState state) {
    return cell.step(concat(previousBox, previousLabel, text), state);
  }

  Operand<TFloat32> labelLogits(Operand<TFloat32> h) {
    return labelHead.apply(h);
  }

  LstmState initialState(Operand<TFloat32> sentence) {
    Operand<TFloat32> h = tf.math.tanh(initialState.apply(sentence));
    return new LstmState(h, tf.math.mul(h, tf.constant(0f)));
  }

  BivariateGmm.Params xyParams(Operand<TFloat32> h, Operand<TFloat32> label) {
    return BivariateGmm.fromRaw(
        tf, xyHead.apply(concat(h, label)), config.components(), config.sigmaFloor());
  }

  BivariateGmm.Params whParams(
      Operand<TFloat32> h, Operand<TFloat32> label, Operand<TFloat32> x, Operand<TFloat32> y) {
    Operand<TFloat32> xy = tf.stack(List.of(x, y), stackAxis1());
    return BivariateGmm.fromRaw(
        tf, whHead.apply(concat(h, label, xy)), config.components(), config.sigmaFloor());
  }

  Operand<TFloat32> oneHot(Operand<TInt32> labels) {
    return tf.oneHot(labels, tf.constant(config.labelLogits()), tf.constant(1f), tf.constant(0f));
  }

  @SafeVarargs
  private Operand<TFloat32> concat(Operand<TFloat32>... parts) {
    return tf.concat(List.of(parts), tf.constant(1));
  }

  /** −Σ mask ∘ v / max(1, Σ mask). */
  private Operand<TFloat32> maskedMeanNegative(Operand<TFloat32> v, Operand<TFloat32> mask) {
    Operand<TInt32> axes = tf.constant(new int[] {0, 1});
    Operand<TFloat32> count = tf.math.maximum(tf.reduceSum(mask, axes), tf.constant(1f));
    return tf.math.neg(tf.math.div(tf.reduceSum(tf.math.mul(v, mask), axes), count));
  }

  private static Stack.Options stackAxis1() {
    return Stack.axis(1L);
  }
}
